namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// One SLURM cluster reached over SSH, bound from "Primage:Backends:Slurm:&lt;name&gt;". The backend
/// keeps one SSH connection (with SFTP) to <see cref="Host"/> for all jobs of the cluster.
/// </summary>
public sealed class SlurmClusterOptions
{
    /// <summary>The configuration section holding one sub-section per cluster.</summary>
    public const string SectionPath = "Primage:Backends:Slurm";

    /// <summary>The cluster's name; the backend is called "slurm:&lt;name&gt;". Set from the section key.</summary>
    public string Name { get; set; } = "";

    /// <summary>The login node.</summary>
    public string Host { get; set; } = "";

    /// <summary>Default: 22.</summary>
    public int Port { get; set; } = 22;

    /// <summary>The cluster account's user name.</summary>
    public string User { get; set; } = "";

    /// <summary>An OpenSSH private key file without passphrase (ed25519, ECDSA or RSA).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>
    /// The pinned host key: its SHA256 fingerprint as `ssh-keygen -lf` prints it, with or without the
    /// "SHA256:" prefix. Several may be given, comma-separated (e.g. during a key rotation). A server
    /// presenting any other key is refused.
    /// </summary>
    public string HostKeyFingerprint { get; set; } = "";

    /// <summary>Default partition; a step may ask for another.</summary>
    public string Partition { get; set; } = "";

    /// <summary>Default account (sbatch --account); none when empty.</summary>
    public string? Account { get; set; }

    /// <summary>Walltime of a step that does not ask for one. Default: 1 hour.</summary>
    public TimeSpan DefaultWalltime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Memory of a step that does not ask for any (sbatch --mem, MB). Default: none (the partition's default).</summary>
    public int? DefaultMemoryMb { get; set; }

    /// <summary>Absolute remote directory; each step attempt gets "&lt;stepId&gt;.a&lt;attempt&gt;/" under it.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>
    /// A shell command that starts the kernel runner on a compute node; the batch script appends
    /// "--in input.json --out output.json". Default: "primage-kernel".
    /// </summary>
    public string RunnerCommand { get; set; } = "primage-kernel";

    /// <summary>One batched status query for all in-flight jobs per interval. Default: 2 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Token bucket for calls to the SLURM controller (squeue, sbatch, scancel), under the site's
    /// per-user RPC rate limit. Default: 2 per second.
    /// </summary>
    public double ControllerCallsPerSecond { get; set; } = 2;

    /// <summary>Token bucket size. Default: 10.</summary>
    public int ControllerBurst { get; set; } = 10;

    /// <summary>At most this many steps go into one submission command. Default: 50.</summary>
    public int MaxSubmitBatch { get; set; } = 50;

    /// <summary>Time zone the cluster's tools print times in (IANA id). Default: "UTC".</summary>
    public string ClusterTimeZone { get; set; } = "UTC";

    /// <summary>SSH connect timeout. Default: 15 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one remote command. Default: 2 minutes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>SSH keep-alive, so a dead connection is noticed between polls. Default: 15 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Retries of one remote operation after the connection failed; each retry reconnects first,
    /// with exponential backoff and jitter. Default: 8.
    /// </summary>
    public int ReconnectAttempts { get; set; } = 8;

    /// <summary>First reconnect delay. Default: 500 ms.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reconnect delay. Default: 30 seconds.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep each step's remote directory after its result was delivered. Default: false (removed).</summary>
    public bool KeepRemoteFiles { get; set; }
}
