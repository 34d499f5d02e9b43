namespace Primage.Grains.Scheduling;

/// <summary>
/// A place where steps run (this machine's cores, a SLURM cluster). A backend is a per-silo
/// service; it never blocks a grain turn. It reports progress and completion to the
/// <see cref="IStepEventSink"/> it was built with, at most once per terminal state per job.
/// </summary>
public interface IComputeBackend
{
    /// <summary>Configured name, e.g. "local" or "slurm:hpc1".</summary>
    string Name { get; }

    /// <summary>
    /// True when the backend's jobs run inside this silo's process and die with it (the local backend):
    /// reattaching from another process runs such a job again. A run keeps its activation while it drives
    /// such a job, so that no other silo reattaches (re-runs) a job that is alive. Default: false (the job
    /// outlives the process, e.g. on SLURM, and any silo may reattach to it).
    /// </summary>
    bool JobsDieWithProcess => false;

    /// <summary>
    /// Starts the step, or finds the job already carrying this step id and attempt (idempotent).
    /// Returns the backend's job id. Throws only when the backend could not be reached; the
    /// caller retries with the same arguments.
    /// </summary>
    Task<string> SubmitAsync(StepSpec step, int attempt, CancellationToken cancellationToken);

    /// <summary>
    /// After a restart: resume watching a job known from a durable run record. If the job has
    /// already finished, its terminal state is reported to the sink.
    /// </summary>
    Task ReattachAsync(string stepId, string backendJobId, int attempt, CancellationToken cancellationToken);

    /// <summary>Cancels the job; the sink then receives <see cref="StepOutcome.Cancelled"/>.</summary>
    Task CancelAsync(string stepId, string backendJobId, CancellationToken cancellationToken);
}
