namespace Primage.Grains.Scheduling;

/// <summary>How a step ended on its backend. The SLURM names map one to one; never guessed.</summary>
[GenerateSerializer, Alias("primage.step-outcome.v1")]
public enum StepOutcome
{
    /// <summary>Finished and produced a valid output document.</summary>
    Succeeded = 0,
    /// <summary>The runner rejected the input document (exit code 2); never retried.</summary>
    InputRejected = 1,
    /// <summary>Non-zero exit or missing/invalid output for another reason.</summary>
    Failed = 2,
    Cancelled = 3,
    Timeout = 4,
    OutOfMemory = 5,
    NodeFail = 6,
    Preempted = 7,
}
