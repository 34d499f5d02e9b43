using Primage.Grains.Scheduling;

namespace Primage.Silo.Hosting;

/// <summary>
/// When the silo becomes active, wakes every id listed in a durable index sharded by
/// <see cref="RunIndexShards"/> (runs to resume, twins with calibration work outstanding), in bounded
/// batches, in the background so it never delays the start. One id's failure never stops the pass.
/// </summary>
public abstract class IndexWakeService : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Ids woken at once; bounds the burst on storage and backends after a restart.</summary>
    private const int Batch = 32;

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the last wake pass finished (tests may await it).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(GetType().Name, ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);
    }

    /// <summary>Wakes every indexed id; returns how many were woken.</summary>
    public async Task<int> WakeAllAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        for (var shard = 0; shard < RunIndexShards.Count; shard++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var chunk in (await ReadShardAsync(shard)).Chunk(Batch))
            {
                await Task.WhenAll(chunk.Select(WakeOneAsync));
                woken += chunk.Length;
            }
        }

        return woken;
    }

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The ids one shard lists.</summary>
    protected abstract Task<string[]> ReadShardAsync(int shard);

    /// <summary>Wakes one id; a failure is the caller's to log, the pass goes on.</summary>
    protected abstract Task WakeAsync(string id);

    protected abstract void OnWakeFailed(string id, Exception exception);

    protected abstract void OnPassDone(int woken);

    protected abstract void OnPassFailed(Exception exception);

    private async Task WakeOneAsync(string id)
    {
        try
        {
            await WakeAsync(id);
        }
        catch (Exception ex)
        {
            OnWakeFailed(id, ex);
        }
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        Completion = Task.Run(async () =>
        {
            try
            {
                OnPassDone(await WakeAllAsync(_stopping.Token));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                OnPassFailed(ex);
            }
        });
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }
}
