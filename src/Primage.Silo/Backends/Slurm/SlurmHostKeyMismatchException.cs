namespace Primage.Silo.Backends.Slurm;

/// <summary>The server's host key does not match the pinned fingerprint: the connection was refused.</summary>
public sealed class SlurmHostKeyMismatchException(string host, string presented)
    : Exception($"Host key of {host} (SHA256:{presented}) does not match the pinned fingerprint; connection refused.")
{
    public string Presented { get; } = presented;
}
