namespace Primage.Silo.Backends.Slurm;

/// <summary>What a SLURM job state means for tracking.</summary>
internal enum SlurmStateKind
{
    /// <summary>A state this code does not know: never read as finished; the job stays watched.</summary>
    Unrecognised = 0,
    /// <summary>Queued or held: not yet running (PENDING, REQUEUED, SUSPENDED, ...).</summary>
    Waiting = 1,
    /// <summary>Running, or finishing its epilogue (COMPLETING): not yet terminal.</summary>
    Running = 2,
    /// <summary>The job will not change again.</summary>
    Terminal = 3,
}
