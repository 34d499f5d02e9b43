using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Backends.Local;

public sealed partial class LocalBackend
{
    [LoggerMessage(101, LogLevel.Debug, "Local job {JobId} queued for owner '{Owner}'")]
    private static partial void LogQueued(ILogger logger, string jobId, string owner);

    [LoggerMessage(102, LogLevel.Information, "Local job {JobId} finished with {Outcome}")]
    private static partial void LogFinished(ILogger logger, string jobId, StepOutcome outcome);

    [LoggerMessage(103, LogLevel.Information, "Local job {JobId} unknown to this process: running the step again")]
    private static partial void LogRerunning(ILogger logger, string jobId);

    [LoggerMessage(104, LogLevel.Warning, "Local job {JobId}: event delivery try {Attempt} failed: {Error}")]
    private static partial void LogReportRetry(ILogger logger, string jobId, int attempt, string error);

    [LoggerMessage(105, LogLevel.Error, "Local job {JobId}: event could not be delivered; the run resumes it at restart")]
    private static partial void LogReportFailed(ILogger logger, string jobId, Exception exception);
}
