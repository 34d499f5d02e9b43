using Primage.Grains.Multiscale;

namespace Primage.Silo.Hosting;

/// <summary>
/// Wakes every unfinished multiscale run in the durable index (<see cref="IMultiscaleRunIndexGrain"/>
/// shards) with <see cref="IMultiscaleRunGrain.ResumeAsync"/> when the silo becomes active: a run stopped
/// between two steps submits its next one, a run whose step finished while no one listened applies it.
/// Runs in flight are also woken by their steps' callbacks; resuming twice is harmless.
/// </summary>
public sealed partial class MultiscaleWakeService(IGrainFactory grains, ILogger<MultiscaleWakeService> logger) : IndexWakeService
{
    protected override Task<string[]> ReadShardAsync(int shard) => grains.GetGrain<IMultiscaleRunIndexGrain>(shard).GetAsync();

    protected override Task WakeAsync(string id) => grains.GetGrain<IMultiscaleRunGrain>(id).ResumeAsync();

    protected override void OnWakeFailed(string id, Exception exception) => LogWakeFailed(logger, id, exception);

    protected override void OnPassDone(int woken) => LogWoken(logger, woken);

    protected override void OnPassFailed(Exception exception) => LogWakePassFailed(logger, exception);

    [LoggerMessage(221, LogLevel.Information, "Woke {Count} unfinished multiscale runs")]
    private static partial void LogWoken(ILogger logger, int count);

    [LoggerMessage(222, LogLevel.Warning, "Waking multiscale run {Key} failed")]
    private static partial void LogWakeFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(223, LogLevel.Error, "Waking the unfinished multiscale runs failed")]
    private static partial void LogWakePassFailed(ILogger logger, Exception exception);
}
