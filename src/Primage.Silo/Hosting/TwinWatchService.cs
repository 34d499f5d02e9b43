using Primage.Grains.Twins;

namespace Primage.Silo.Hosting;

/// <summary>
/// Wakes every twin in the durable watch index (<see cref="ITwinWatchIndexGrain"/> shards) with
/// <see cref="IPatientTwinGrain.RecalibrateAsync"/> when the silo becomes active: data acknowledged
/// before a crash but never calibrated is calibrated now, a run in flight is resumed, and a twin with
/// nothing left to do leaves the index.
/// </summary>
public sealed partial class TwinWatchService(IGrainFactory grains, ILogger<TwinWatchService> logger) : IndexWakeService
{
    protected override Task<string[]> ReadShardAsync(int shard) => grains.GetGrain<ITwinWatchIndexGrain>(shard).GetAsync();

    protected override Task WakeAsync(string id) => grains.GetGrain<IPatientTwinGrain>(id).RecalibrateAsync();

    protected override void OnWakeFailed(string id, Exception exception) => LogWakeFailed(logger, exception);

    protected override void OnPassDone(int woken) => LogWoken(logger, woken);

    protected override void OnPassFailed(Exception exception) => LogWakePassFailed(logger, exception);

    [LoggerMessage(211, LogLevel.Information, "Woke {Count} twins with calibration work outstanding")]
    private static partial void LogWoken(ILogger logger, int count);

    [LoggerMessage(212, LogLevel.Warning, "Waking a watched twin failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(213, LogLevel.Error, "Waking the watched twins failed")]
    private static partial void LogWakePassFailed(ILogger logger, Exception exception);
}
