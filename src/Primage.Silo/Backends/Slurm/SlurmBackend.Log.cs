using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Backends.Slurm;

public sealed partial class SlurmBackend
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "{Backend}: step {StepId} attempt {Attempt} submitted as job {JobId}")]
    private static partial void LogSubmitted(ILogger logger, string backend, string stepId, int attempt, string jobId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Backend}: step {StepId} attempt {Attempt} already has job {JobId}; not submitted again")]
    private static partial void LogFoundExisting(ILogger logger, string backend, string stepId, int attempt, string jobId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Backend}: submission of {Count} step(s) failed: {Error}")]
    private static partial void LogSubmitFailed(ILogger logger, string backend, int count, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "{Backend}: watching job {JobId} of step {StepId} again")]
    private static partial void LogReattached(ILogger logger, string backend, string stepId, string jobId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "{Backend}: cancel requested for job {JobId} of step {StepId}")]
    private static partial void LogCancelRequested(ILogger logger, string backend, string stepId, string jobId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "{Backend}: status poll failed: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string backend, string error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "{Backend}: squeue failed, only the job-completion log was read: {Error}")]
    private static partial void LogQueueFailed(ILogger logger, string backend, string? error);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "{Backend}: job {JobId} of step {StepId} is known neither to squeue nor to the job-completion log ({Polls} polls); still watched, not taken as finished")]
    private static partial void LogUnknownJob(ILogger logger, string backend, string stepId, string jobId, int polls);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "{Backend}: job {JobId} is named {Actual} on the cluster, expected {Expected}; its state is ignored")]
    private static partial void LogNameMismatch(ILogger logger, string backend, string jobId, string? expected, string actual);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "{Backend}: job {JobId} is in state {State}, which this backend does not know; still watched")]
    private static partial void LogUnrecognisedState(ILogger logger, string backend, string jobId, string state);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "{Backend}: fetching the results of job {JobId} (step {StepId}) failed, retrying at the next poll: {Error}")]
    private static partial void LogFetchFailed(ILogger logger, string backend, string stepId, string jobId, string error);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "{Backend}: the event sink failed for step {StepId}, retrying at the next poll: {Error}")]
    private static partial void LogSinkFailed(ILogger logger, string backend, string stepId, string error);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "{Backend}: step {StepId} job {JobId} ended {State} -> {Outcome}")]
    private static partial void LogFinished(ILogger logger, string backend, string stepId, string jobId, string state, StepOutcome outcome);
}
