namespace Primage.Silo.Backends.Slurm;

/// <summary>A job the backend watches until it has delivered its terminal state.</summary>
internal sealed class TrackedJob(string stepId, string jobId, string? jobName)
{
    public string StepId { get; } = stepId;

    public string JobId { get; } = jobId;

    /// <summary>Expected SLURM job name (= step directory); learnt from the cluster when not known (a cancel of a job never watched).</summary>
    public string? JobName { get; set; } = jobName;

    public bool RunningReported { get; set; }

    /// <summary>Consecutive polls in which neither squeue nor the job-completion log knew the job.</summary>
    public int UnknownPolls { get; set; }
}
