using System.Collections.Concurrent;
using System.Diagnostics;
using Primage.Testing;

namespace Primage.Silo.Tests.Postgres;

/// <summary>
/// A real silo process (<c>dotnet Primage.Silo.dll</c>, the built service) on PostgreSQL, with its
/// own HTTP, silo and gateway ports given on the command line, as an operator would start it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private SiloProcess(string name, int httpPort, int siloPort, Process process)
    {
        Name = name;
        HttpPort = httpPort;
        SiloPort = siloPort;
        _process = process;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
    }

    /// <summary>The signing key every test silo process is started with (security is on by default).</summary>
    public static string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    /// <summary>An admin token those processes accept.</summary>
    public static string AdminToken { get; } = new Primage.Api.Security.TokenIssuer(
        Microsoft.Extensions.Options.Options.Create(new Primage.Api.Security.SecurityOptions { SigningKey = SigningKey }),
        new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
        TimeProvider.System).Issue("test-admin", Primage.Api.Security.Roles.Admin, [], TimeSpan.FromHours(2));

    public string Name { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the process wrote to standard error, in order.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errors];

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Every line the process wrote so far (the last 2,000).</summary>
    public IReadOnlyList<string> Lines() => [.. _log];

    /// <summary>The last lines the process wrote (warnings and errors), for a failure message.</summary>
    public string Tail(int lines = 60) => string.Join(Environment.NewLine, _log.TakeLast(lines));

    /// <summary>Starts the silo; <paramref name="ports"/> are (http, silo, gateway), fresh ones when null.</summary>
    public static SiloProcess Start(string name, string connectionString, string serviceId, (int Http, int Silo, int Gateway)? ports = null) =>
        StartWith(
            name,
            [
                "--Primage:Storage:Provider=postgres",
                $"--Primage:Storage:ConnectionString={connectionString}",
                $"--Primage:Cluster:ServiceId={serviceId}",
                $"--Primage:Cluster:ClusterId={serviceId}",
                $"--Primage:DataDirectory={Path.Combine(Path.GetTempPath(), "primage-tests", serviceId, name)}",
                // Every observation starts a recalibration; keep each small (the smallest ensemble,
                // one growth law, one at a time) so 1,000 of them leave the silos responsive on 2 cores.
                "--Primage:Predictions:EnsembleSize=32",
                "--Primage:Predictions:Models:0=gompertz",
                "--Primage:Backends:Local:MaxParallelism=1",
            ],
            ports);

    /// <summary>Starts the built service with the given settings (command-line form) on fresh or given ports.</summary>
    public static SiloProcess StartWith(string name, IReadOnlyList<string> settings, (int Http, int Silo, int Gateway)? ports = null)
    {
        var (http, silo, gateway) = ports ?? (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var dll = ServiceAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            dll,
            "--urls", $"http://127.0.0.1:{http}",
            $"--Primage:Cluster:SiloPort={silo}",
            $"--Primage:Cluster:GatewayPort={gateway}",
            "--Logging:LogLevel:Default=Warning",
            $"--Primage:Security:SigningKey={SigningKey}",
            "--Primage:Security:RateLimitPermits=1000000",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var silo1 = new SiloProcess(name, http, silo, process);
        process.OutputDataReceived += (_, e) => silo1.Record(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            silo1.Record(e.Data);
            if (e.Data is not null)
            {
                silo1._errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo1;
    }

    /// <summary>Waits until GET /health answers 200 (the silo joined and its storage answers).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"silo {Name} was not ready within {timeout}:{Environment.NewLine}{Tail()}");
    }

    /// <summary>SIGKILL (kill -9): no shutdown, no goodbye to the cluster.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await _process.WaitForExitAsync();
        Http.Dispose();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 2000 && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// The built service next to this test build: src/Primage.Silo/bin/{Configuration}/net10.0/Primage.Silo.dll
    /// (it has its own runtimeconfig and deps files there, which `dotnet` needs to run it).
    /// </summary>
    private static string ServiceAssembly()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent!.Name;
        for (var directory = baseDirectory; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Primage.sln")))
            {
                var dll = Path.Combine(directory.FullName, "src", "Primage.Silo", "bin", configuration, framework, "Primage.Silo.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }
            }
        }

        var beside = typeof(Program).Assembly.Location;
        if (File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        throw new FileNotFoundException("Cannot find the built Primage.Silo.dll with its runtimeconfig; build src/Primage.Silo first.");
    }
}
