using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

internal sealed partial class RunActor
{
    [LoggerMessage(301, LogLevel.Information, "Akka run {StepId} created: task {Task} on backend {Backend}")]
    private static partial void LogCreated(ILogger logger, string stepId, string task, string backend);

    [LoggerMessage(302, LogLevel.Information, "Akka run {StepId} attempt {Attempt} finished with {Outcome}; run is {State}")]
    private static partial void LogFinished(ILogger logger, string stepId, int attempt, StepOutcome outcome, RunState state);

    [LoggerMessage(303, LogLevel.Warning, "Akka run {StepId} attempt {Attempt}: submission failed: {Error}")]
    private static partial void LogSubmitFailed(ILogger logger, string stepId, int attempt, string error);

    [LoggerMessage(304, LogLevel.Warning, "Akka run {StepId}: reattach failed, retrying in {Delay}: {Error}")]
    private static partial void LogReattachFailed(ILogger logger, string stepId, TimeSpan delay, string error);

    [LoggerMessage(305, LogLevel.Warning, "Akka run {StepId}: telling the owner failed, retrying in {Delay}: {Error}")]
    private static partial void LogNotifyFailed(ILogger logger, string stepId, TimeSpan delay, string error);

    [LoggerMessage(306, LogLevel.Warning, "Akka run {StepId}: request failed")]
    private static partial void LogRequestFailed(ILogger logger, string stepId, Exception exception);

    [LoggerMessage(307, LogLevel.Information, "Akka run {StepId} resuming from {State} (attempt {Attempt})")]
    private static partial void LogResuming(ILogger logger, string stepId, RunState state, int attempt);

    [LoggerMessage(308, LogLevel.Warning, "Akka run {StepId}: cancelling job {JobId} failed")]
    private static partial void LogCancelFailed(ILogger logger, string stepId, string jobId, Exception exception);
}
