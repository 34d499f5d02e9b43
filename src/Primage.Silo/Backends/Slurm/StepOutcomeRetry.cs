using Primage.Grains.Scheduling;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// Which step outcomes are worth a new attempt (attempt + 1), for the scheduler that decides
/// re-submission. Node failures and preemption say nothing about the step: retry them with backoff.
/// A rejected input fails the same way every time: never retry it. Failed, Timeout and OutOfMemory
/// would fail again with the same resources; Cancelled was asked for.
/// </summary>
public static class StepOutcomeRetry
{
    public static bool IsRetryable(StepOutcome outcome) => outcome is StepOutcome.NodeFail or StepOutcome.Preempted;
}
