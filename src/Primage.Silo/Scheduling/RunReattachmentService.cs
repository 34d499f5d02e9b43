using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;
using Primage.Silo.Hosting;

namespace Primage.Silo.Scheduling;

/// <summary>
/// When the silo becomes active, wakes every run listed in the durable run index
/// (<see cref="IRunIndexGrain"/> shards) with <see cref="ISimulationRunGrain.ResumeAsync"/>: Pending runs
/// are submitted, in-flight runs reattached, finished runs whose owner was not told tell it. This is what
/// makes runs survive a restart with in-memory reminders; the shards' own watchdog reminders
/// (<see cref="IndexWatchdog"/>) call the same ResumeAsync every period, on whichever silo is alive.
/// </summary>
public sealed partial class RunReattachmentService(IGrainFactory grains, ILogger<RunReattachmentService> logger) : IndexWakeService
{
    protected override Task<string[]> ReadShardAsync(int shard) => grains.GetGrain<IRunIndexGrain>(shard).GetAsync();

    protected override Task WakeAsync(string id) => grains.GetGrain<ISimulationRunGrain>(id).ResumeAsync();

    protected override void OnWakeFailed(string id, Exception exception) => LogResumeFailed(logger, id, exception);

    protected override void OnPassDone(int woken) => LogResumed(logger, woken);

    protected override void OnPassFailed(Exception exception) => LogResumePassFailed(logger, exception);

    [LoggerMessage(201, LogLevel.Information, "Resumed {Count} runs from the run index")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(202, LogLevel.Warning, "Resuming run {StepId} failed")]
    private static partial void LogResumeFailed(ILogger logger, string stepId, Exception exception);

    [LoggerMessage(203, LogLevel.Error, "Resuming runs from the run index failed")]
    private static partial void LogResumePassFailed(ILogger logger, Exception exception);
}
