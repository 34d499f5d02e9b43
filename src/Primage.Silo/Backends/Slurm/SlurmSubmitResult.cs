namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// What the cluster said about one submission: the job id (new, or an existing job that already
/// carried the name), or the error when sbatch failed.
/// </summary>
internal sealed record SlurmSubmitResult(string JobName, string? JobId, bool Existing, string? Error);
