using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling;

/// <summary>
/// When the silo becomes active, wakes every run listed in the durable run index
/// (<see cref="IRunIndexGrain"/> shards) with <see cref="ISimulationRunGrain.ResumeAsync"/>: Pending runs
/// are submitted, in-flight runs reattached, finished runs whose owner was not told tell it. This is what
/// makes runs survive a restart with in-memory reminders; with durable reminders a watchdog reminder can
/// call the same ResumeAsync. Runs in the background so it never delays the silo's start.
/// </summary>
public sealed partial class RunReattachmentService(IGrainFactory grains, ILogger<RunReattachmentService> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Runs woken at once; bounds the burst on storage and backends after a restart.</summary>
    private const int Batch = 32;

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the last resume pass finished (tests await it).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(nameof(RunReattachmentService), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);
    }

    /// <summary>Wakes every indexed run; returns how many were woken.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        for (var shard = 0; shard < RunIndexShards.Count; shard++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stepIds = await grains.GetGrain<IRunIndexGrain>(shard).GetAsync();
            foreach (var chunk in stepIds.Chunk(Batch))
            {
                await Task.WhenAll(chunk.Select(ResumeOneAsync));
                resumed += chunk.Length;
            }
        }

        return resumed;
    }

    private async Task ResumeOneAsync(string stepId)
    {
        try
        {
            await grains.GetGrain<ISimulationRunGrain>(stepId).ResumeAsync();
        }
        catch (Exception ex)
        {
            LogResumeFailed(logger, stepId, ex);
        }
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        Completion = Task.Run(async () =>
        {
            try
            {
                var count = await ResumeAllAsync(_stopping.Token);
                LogResumed(logger, count);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogResumePassFailed(logger, ex);
            }
        });
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    [LoggerMessage(201, LogLevel.Information, "Resumed {Count} runs from the run index")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(202, LogLevel.Warning, "Resuming run {StepId} failed")]
    private static partial void LogResumeFailed(ILogger logger, string stepId, Exception exception);

    [LoggerMessage(203, LogLevel.Error, "Resuming runs from the run index failed")]
    private static partial void LogResumePassFailed(ILogger logger, Exception exception);
}
