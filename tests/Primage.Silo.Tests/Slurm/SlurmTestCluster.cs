using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Primage.Silo.Backends.Slurm;
using Renci.SshNet;

namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// The real cluster brought up by scripts/services/slurm.sh: found through PRIMAGE_SLURM_* variables,
/// or the env file the script writes (/etc/primage/slurm-test.env, or PRIMAGE_SLURM_ENV_FILE).
/// Each test gets its own remote work directory, removed when the test ends.
/// </summary>
public sealed class SlurmTestCluster : IAsyncDisposable
{
    public const string DefaultEnvFile = "/etc/primage/slurm-test.env";

    private static readonly Lazy<IReadOnlyDictionary<string, string>?> Settings = new(Load);

    private SlurmTestCluster(IReadOnlyDictionary<string, string> settings, string testName)
    {
        Host = settings["PRIMAGE_SLURM_HOST"];
        Port = int.Parse(settings["PRIMAGE_SLURM_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        User = settings["PRIMAGE_SLURM_USER"];
        KeyFile = settings["PRIMAGE_SLURM_KEY"];
        Fingerprint = settings["PRIMAGE_SLURM_HOST_FINGERPRINT"];
        Partition = settings["PRIMAGE_SLURM_PARTITION"];
        Runner = settings["PRIMAGE_SLURM_RUNNER"];
        WorkDirectory = $"{settings["PRIMAGE_SLURM_WORKDIR"].TrimEnd('/')}/test-{testName}-{Guid.NewGuid().ToString("N")[..8]}";
        ControlScript = settings.GetValueOrDefault("PRIMAGE_SLURM_CONTROL");
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsConfigured => Settings.Value is not null;

    public static string MissingReason
        => $"no SLURM test cluster: set PRIMAGE_SLURM_* or run scripts/services/slurm.sh (writes {DefaultEnvFile})";

    public string Host { get; }

    public int Port { get; }

    public string User { get; }

    public string KeyFile { get; }

    public string Fingerprint { get; }

    public string Partition { get; }

    public string Runner { get; }

    public string WorkDirectory { get; }

    public string? ControlScript { get; }

    /// <summary>The cluster, or a failure naming what is missing (a CI run must not skip).</summary>
    public static SlurmTestCluster Create(string testName)
        => Settings.Value is { } settings
            ? new SlurmTestCluster(settings, testName)
            : throw new InvalidOperationException(MissingReason + (IsCi ? " (CI=true: the SLURM tests must run)" : ""));

    /// <summary>Options for a backend on this cluster; tests use a faster controller budget than a real site.</summary>
    public SlurmClusterOptions Options(Action<SlurmClusterOptions>? configure = null)
    {
        var options = new SlurmClusterOptions
        {
            Name = "test",
            Host = Host,
            Port = Port,
            User = User,
            KeyFile = KeyFile,
            HostKeyFingerprint = Fingerprint,
            Partition = Partition,
            WorkDirectory = WorkDirectory,
            RunnerCommand = Runner,
            DefaultWalltime = TimeSpan.FromMinutes(5),
            PollInterval = TimeSpan.FromSeconds(1),
            ControllerCallsPerSecond = 20,
            ControllerBurst = 30,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Runs a command on the login node over a separate connection (for checks, not for the backend).</summary>
    public async Task<string> RunAsync(string command)
    {
        using var key = new PrivateKeyFile(KeyFile);
        using var client = new SshClient(new PrivateKeyConnectionInfo(Host, Port, User, key));
        client.HostKeyReceived += (_, e) => e.CanTrust = e.FingerPrintSHA256 == Fingerprint;
        await client.ConnectAsync(CancellationToken.None);
        using var cmd = client.CreateCommand(command);
        await cmd.ExecuteAsync(CancellationToken.None);
        return cmd.Result;
    }

    /// <summary>
    /// How many jobs carry each of the names, in squeue and in the job-completion log together (by job
    /// id). `sacct -c` ignores --name (it lists the whole log), so the names are matched here.
    /// </summary>
    public async Task<Dictionary<string, int>> JobCountsByNameAsync(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var list = string.Join(',', wanted);
        var text = await RunAsync($"{{ squeue -h -t all -u \"$(id -un)\" -n '{list}' -o '%i|%j'; sacct -c -n -P --name '{list}' -o JobIDRaw,JobName; }} | sort -u");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|'))
            .Where(f => f.Length == 2 && wanted.Contains(f[1]))
            .GroupBy(f => f[1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f[0]).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
    }

    /// <summary>Runs scripts/services/slurm.sh with a subcommand (as the same user as the tests: root in CI).</summary>
    public async Task ControlAsync(string subcommand)
    {
        var script = ControlScript ?? throw new InvalidOperationException("PRIMAGE_SLURM_CONTROL is not set: cannot run " + subcommand);
        using var process = Process.Start(new ProcessStartInfo("bash", [script, subcommand]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"slurm.sh {subcommand} failed: {await stderr}");
        }
    }

    public static byte[] EchoInput(string stepId, object value)
        => Input(stepId, "echo", new { value });

    public static byte[] SpinInput(string stepId, double seconds)
        => Input(stepId, "spin", new { seconds });

    public static byte[] Input(string stepId, string task, object parameters)
        => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schema"] = "primage.step/1",
            ["stepId"] = stepId,
            ["task"] = task,
            ["seed"] = 7,
            ["parameters"] = parameters,
        });

    public static string NewStepId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync($"rm -rf '{WorkDirectory}'");
        }
        catch (Exception)
        {
            // Cleanup is best effort; a broken cluster has already failed the test.
        }
    }

    private static IReadOnlyDictionary<string, string>? Load()
    {
        string[] keys = ["PRIMAGE_SLURM_HOST", "PRIMAGE_SLURM_PORT", "PRIMAGE_SLURM_USER", "PRIMAGE_SLURM_KEY",
            "PRIMAGE_SLURM_HOST_FINGERPRINT", "PRIMAGE_SLURM_PARTITION", "PRIMAGE_SLURM_RUNNER", "PRIMAGE_SLURM_WORKDIR"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = Environment.GetEnvironmentVariable("PRIMAGE_SLURM_ENV_FILE") ?? DefaultEnvFile;
        if (File.Exists(file))
        {
            foreach (var line in File.ReadAllLines(file, Encoding.UTF8))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (!line.StartsWith('#') && eq > 0)
                {
                    values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
                }
            }
        }

        foreach (var key in keys.Append("PRIMAGE_SLURM_CONTROL"))
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        return keys.All(k => values.TryGetValue(k, out var v) && v.Length > 0) && File.Exists(values["PRIMAGE_SLURM_KEY"]) ? values : null;
    }
}
