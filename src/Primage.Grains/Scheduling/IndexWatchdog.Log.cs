using Microsoft.Extensions.Logging;

namespace Primage.Grains.Scheduling;

public sealed partial class IndexWatchdog
{
    [LoggerMessage(31, LogLevel.Debug, "Watchdog of {Shard} registered, every {Period}")]
    private static partial void LogArmed(ILogger logger, string shard, TimeSpan period);

    [LoggerMessage(32, LogLevel.Warning, "Watchdog of {Shard}: registering the reminder failed, retrying in {Delay}")]
    private static partial void LogArmFailed(ILogger logger, string shard, TimeSpan delay, Exception exception);

    [LoggerMessage(33, LogLevel.Debug, "Watchdog of {Shard} dropped: the shard is empty")]
    private static partial void LogDisarmed(ILogger logger, string shard);

    [LoggerMessage(34, LogLevel.Warning, "Watchdog of {Shard}: dropping the reminder failed; the next tick tries again")]
    private static partial void LogDisarmFailed(ILogger logger, string shard, Exception exception);

    [LoggerMessage(35, LogLevel.Information, "Watchdog of {Shard}: the previous pass is still running; this tick ({Count} listed) is skipped")]
    private static partial void LogPassStillRunning(ILogger logger, string shard, int count);

    [LoggerMessage(36, LogLevel.Warning, "Watchdog of {Shard}: waking {Id} failed")]
    private static partial void LogWakeFailed(ILogger logger, string shard, string id, Exception exception);

    [LoggerMessage(37, LogLevel.Debug, "Watchdog of {Shard}: woke {Count} ({Failed} failed)")]
    private static partial void LogPassDone(ILogger logger, string shard, int count, int failed);
}
