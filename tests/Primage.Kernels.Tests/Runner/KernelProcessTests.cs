using System.Diagnostics;
using System.Text;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Runner;

/// <summary>
/// Runs the built console runner as a separate process (`dotnet primage-kernel.dll`), as a SLURM job would.
/// The test project references the runner project, so the dll sits next to the test assembly.
/// </summary>
public sealed class KernelProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("primage-kernel-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "primage-kernel.dll");

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RunnerDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> Run(params string[] args)
    {
        using var process = Start(args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task Valid_input_exits_zero_and_writes_the_same_bytes_as_the_library()
    {
        const string json = """{"schema":"primage.step/1","stepId":"p","task":"echo","seed":3,"parameters":{"value":[1,2.5]}}""";
        var input = Write("in.json", json);
        var output = Path.Combine(_dir, "out.json");
        var (code, _, stderr) = await Run("--in", input, "--out", output, "--no-timings");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(
            Primage.Kernels.Runner.StepRunner.Run(Encoding.UTF8.GetBytes(json), false, CancellationToken.None),
            File.ReadAllBytes(output));
        Assert.Equal(["out.json", "in.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).OrderDescending());
    }

    [Theory]
    [InlineData("""{"schema":"primage.step/9","stepId":"p","task":"echo","seed":3,"parameters":{}}""", "invalid input: schema: unsupported schema")]
    [InlineData("""{"schema":"primage.step/1","stepId":"p","task":"echo","seed":3,"parameters":{}""", "invalid input: $: not valid JSON")]
    [InlineData("""{"schema":"primage.step/1","stepId":"p","task":"spin","seed":3,"parameters":{"seconds":-2}}""", "invalid input: parameters.seconds: must be between")]
    public async Task Invalid_input_exits_two_with_one_line_and_no_output(string json, string expectedStart)
    {
        var input = Write("in.json", json);
        var output = Path.Combine(_dir, "out.json");
        var (code, stdout, stderr) = await Run("--in", input, "--out", output);
        Assert.Equal(2, code);
        Assert.StartsWith(expectedStart, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(["in.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_real_model_run_twice_by_the_process_writes_byte_identical_output()
    {
        // The 3D proliferation-invasion model with radiotherapy, as a SLURM job runs it; timings are the
        // only part of an output that depends on the run, so --no-timings must give the same bytes.
        var json = Macro.Pi3dTaskTests.Document(2);
        var input = Write("pi3d.json", json);
        var first = Path.Combine(_dir, "first.json");
        var second = Path.Combine(_dir, "second.json");
        Assert.Equal(0, (await Run("--in", input, "--out", first, "--no-timings")).ExitCode);
        Assert.Equal(0, (await Run("--in", input, "--out", second, "--no-timings")).ExitCode);
        var bytes = await File.ReadAllBytesAsync(first);
        Assert.True(bytes.Length > 500, $"output of {bytes.Length} bytes");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(second));
        Assert.Equal(StepRunner.Run(Encoding.UTF8.GetBytes(json), false, CancellationToken.None), bytes);
    }

    [Fact]
    public async Task Missing_arguments_exit_two()
    {
        var (code, _, stderr) = await Run("--in", Path.Combine(_dir, "x.json"));
        Assert.Equal(2, code);
        Assert.StartsWith("invalid input: arguments: --out is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_input_file_exits_one_with_one_line()
    {
        var (code, _, stderr) = await Run("--in", Path.Combine(_dir, "missing.json"), "--out", Path.Combine(_dir, "out.json"));
        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Sigterm_cancels_with_exit_143_and_no_output()
    {
        var input = Write("in.json", """{"schema":"primage.step/1","stepId":"p","task":"spin","seed":3,"parameters":{"seconds":120}}""");
        var output = Path.Combine(_dir, "out.json");
        using var process = Start("--in", input, "--out", output);
        var stderr = process.StandardError.ReadToEndAsync();

        // Wait until the runner is surely spinning (its signal handlers are registered before the task
        // starts): 1.5 s of CPU time is well past the runtime's start-up, however loaded the machine.
        // Spinning for 120 s means that without cancellation the process would outlive the wait below.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.HasExited && process.TotalProcessorTime < TimeSpan.FromSeconds(1.5) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            process.Refresh();
        }

        Assert.False(process.HasExited, "the spin ended early");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.Equal(143, process.ExitCode);
        Assert.Equal("cancelled", (await stderr).TrimEnd('\n'));
        Assert.Equal(["in.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }
}
