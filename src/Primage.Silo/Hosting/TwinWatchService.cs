using Primage.Grains.Scheduling;
using Primage.Grains.Twins;

namespace Primage.Silo.Hosting;

/// <summary>
/// When the silo becomes active, wakes every twin in the durable watch index
/// (<see cref="ITwinWatchIndexGrain"/> shards) with <see cref="IPatientTwinGrain.RecalibrateAsync"/>:
/// data acknowledged before a crash but never calibrated is calibrated now, a run in flight is resumed,
/// and a twin with nothing left to do leaves the index. Runs in the background, so it never delays the start.
/// </summary>
public sealed partial class TwinWatchService(IGrainFactory grains, ILogger<TwinWatchService> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Twins woken at once; bounds the burst on storage and backends after a restart.</summary>
    private const int Batch = 32;

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the last wake pass finished (tests may await it).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(nameof(TwinWatchService), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);
    }

    /// <summary>Wakes every watched twin; returns how many were woken.</summary>
    public async Task<int> WakeAllAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        for (var shard = 0; shard < RunIndexShards.Count; shard++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var twinIds = await grains.GetGrain<ITwinWatchIndexGrain>(shard).GetAsync();
            foreach (var chunk in twinIds.Chunk(Batch))
            {
                await Task.WhenAll(chunk.Select(WakeOneAsync));
                woken += chunk.Length;
            }
        }

        return woken;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WakeOneAsync(string twinId)
    {
        try
        {
            await grains.GetGrain<IPatientTwinGrain>(twinId).RecalibrateAsync();
        }
        catch (Exception ex)
        {
            LogWakeFailed(logger, ex);
        }
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        Completion = Task.Run(async () =>
        {
            try
            {
                LogWoken(logger, await WakeAllAsync(_stopping.Token));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogWakePassFailed(logger, ex);
            }
        });
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    [LoggerMessage(211, LogLevel.Information, "Woke {Count} twins with calibration work outstanding")]
    private static partial void LogWoken(ILogger logger, int count);

    [LoggerMessage(212, LogLevel.Warning, "Waking a watched twin failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(213, LogLevel.Error, "Waking the watched twins failed")]
    private static partial void LogWakePassFailed(ILogger logger, Exception exception);
}
