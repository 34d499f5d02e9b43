namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// One job as SLURM reported it: from squeue (live and recently finished jobs), `scontrol show job -o`
/// or the job-completion log (`sacct -c`). <see cref="ExitCode"/> and <see cref="Signal"/> come from
/// SLURM's "exit:signal" pair (squeue's raw wait status is decoded into the same pair).
/// </summary>
internal sealed record SlurmJobStatus(
    string JobId,
    string Name,
    string State,
    int? ExitCode,
    int? Signal,
    string? Reason,
    DateTimeOffset? Start,
    DateTimeOffset? End);
