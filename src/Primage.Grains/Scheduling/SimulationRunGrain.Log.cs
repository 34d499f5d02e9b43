using Microsoft.Extensions.Logging;

namespace Primage.Grains.Scheduling;

public sealed partial class SimulationRunGrain
{
    [LoggerMessage(1, LogLevel.Information, "Run {StepId} created: task {Task} on backend {Backend}")]
    private static partial void LogCreated(ILogger logger, string stepId, string task, string backend);

    [LoggerMessage(2, LogLevel.Information, "Run {StepId} attempt {Attempt} submitted as job {JobId}")]
    private static partial void LogSubmitted(ILogger logger, string stepId, int attempt, string jobId);

    [LoggerMessage(3, LogLevel.Warning, "Run {StepId} attempt {Attempt}: submission {Failures} failed: {Error}")]
    private static partial void LogSubmitFailed(ILogger logger, string stepId, int attempt, int failures, string error);

    [LoggerMessage(4, LogLevel.Information, "Run {StepId} attempt {Attempt} finished with {Outcome}; run is {State}")]
    private static partial void LogFinished(ILogger logger, string stepId, int attempt, StepOutcome outcome, RunState state);

    [LoggerMessage(5, LogLevel.Information, "Run {StepId} cancelled during attempt {Attempt}")]
    private static partial void LogCancelled(ILogger logger, string stepId, int attempt);

    [LoggerMessage(6, LogLevel.Information, "Run {StepId} resuming from {State} (attempt {Attempt})")]
    private static partial void LogResuming(ILogger logger, string stepId, RunState state, int attempt);

    [LoggerMessage(7, LogLevel.Information, "Run {StepId} reattaching to job {JobId} (attempt {Attempt})")]
    private static partial void LogReattaching(ILogger logger, string stepId, string jobId, int attempt);

    [LoggerMessage(8, LogLevel.Warning, "Run {StepId}: reattaching to job {JobId} failed, retrying in {Delay}: {Error}")]
    private static partial void LogReattachFailed(ILogger logger, string stepId, string jobId, TimeSpan delay, string error);

    [LoggerMessage(9, LogLevel.Warning, "Run {StepId}: cancelling job {JobId} failed")]
    private static partial void LogCancelFailed(ILogger logger, string stepId, string jobId, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "Run {StepId}: telling owner {Owner} failed, retrying in {Delay}")]
    private static partial void LogNotifyFailed(ILogger logger, string stepId, string owner, TimeSpan delay, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Run {StepId}: a backend answer could not be delivered to the run")]
    private static partial void LogReportFailed(ILogger logger, string stepId, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Event for unknown run {StepId} from job {JobId} ignored")]
    private static partial void LogUnknownRun(ILogger logger, string stepId, string jobId);
}
