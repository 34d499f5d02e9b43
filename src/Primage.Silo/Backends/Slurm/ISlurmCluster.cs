namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// The cluster operations the backend needs, each one remote round trip. The SSH implementation is
/// <see cref="SshSlurmCluster"/>; tests may substitute an in-memory cluster.
/// </summary>
internal interface ISlurmCluster : IAsyncDisposable
{
    /// <summary>
    /// Stages and submits a batch in one command, skipping (and returning) any job that already carries
    /// its name. Throws when the cluster could not be asked (nothing is known then).
    /// </summary>
    Task<IReadOnlyList<SlurmSubmitResult>> SubmitAsync(IReadOnlyList<SlurmSubmitRequest> batch, CancellationToken cancellationToken);

    /// <summary>
    /// One status query for all watched jobs (squeue, then `sacct -c` for those squeue does not know),
    /// removing the given finished step directories on the way.
    /// </summary>
    Task<SlurmPollResult> PollAsync(IReadOnlyCollection<string> jobIds, IReadOnlyCollection<string> removeDirectories, CancellationToken cancellationToken);

    /// <summary>scancel; a job that already ended is not an error.</summary>
    Task CancelAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>A file in a step directory, or null when it does not exist.</summary>
    Task<byte[]?> DownloadAsync(string jobName, string fileName, CancellationToken cancellationToken);

    /// <summary>Counts of remote commands and SFTP operations so far.</summary>
    (long Commands, long SftpOperations, long Connections) Counters { get; }
}
