using System.Diagnostics;
using Primage.Testing;

namespace Primage.Api.Tests.Clinician;

/// <summary>The built service (Primage.Silo.dll) as a real process on free ports and a temporary data directory.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, string url, string dataDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
    }

    public string Url { get; }

    public string DataDirectory { get; }

    public static string SiloDll
    {
        get
        {
            // Same configuration as this test build (bin/<Configuration>/net10.0).
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(BrowserEnvironment.RepoRoot, "src", "Primage.Silo", "bin", configuration, "net10.0", "Primage.Silo.dll");
        }
    }

    public static async Task<ServiceProcess> StartAsync(Action<string> log)
    {
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var dataDirectory = PrimageApp.NewDataDirectory();
        var process = Start(["--urls", url, ..Settings(dataDirectory), $"--Primage:Cluster:SiloPort={FreePort.Next()}", $"--Primage:Cluster:GatewayPort={FreePort.Next()}"], log);
        var service = new ServiceProcess(process, url, dataDirectory);
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await http.GetAsync($"{url}/health")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        await service.DisposeAsync();
        throw new TimeoutException("The service did not become healthy within 60 s.");
    }

    /// <summary>Runs the "token" command of the service against this data directory and returns the token.</summary>
    public async Task<string> TokenAsync(string role, string site)
    {
        var output = new List<string>();
        using var process = Start(["token", "--role", role, "--site", site, ..Settings(DataDirectory)], output.Add);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("token command failed: " + string.Join('\n', output));
        }

        return output.Last(l => l.Count(c => c == '.') == 2).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string[] Settings(string dataDirectory) => [$"--Primage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"];

    private static Process Start(string[] args, Action<string> log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
