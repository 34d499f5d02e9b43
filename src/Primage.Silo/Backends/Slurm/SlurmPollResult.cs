namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// One batched status query: squeue's view (live jobs and jobs finished less than MinJobAge ago)
/// and, for the watched jobs squeue no longer knows, the job-completion log's view. When squeue
/// failed (<see cref="QueueSucceeded"/> false), absence from <see cref="Queue"/> means nothing.
/// </summary>
internal sealed record SlurmPollResult(
    bool QueueSucceeded,
    string? QueueError,
    IReadOnlyDictionary<string, SlurmJobStatus> Queue,
    IReadOnlyDictionary<string, SlurmJobStatus> Accounting);
