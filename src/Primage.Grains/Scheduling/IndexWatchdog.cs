using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Primage.Grains.Scheduling;

/// <summary>
/// The watchdog of one durable index shard (<see cref="WatchedIndexGrain{TState}"/>: runs, twins, multiscale runs).
/// While the shard lists anything it holds a reminder; every tick wakes each listed id (resume the run,
/// recalibrate the twin), so work that a dead silo was driving is taken up by a live silo without any
/// restart. Reminders live in the cluster's reminder table (PostgreSQL in production): when the silo that
/// registered one dies, the silos left take over its share of the table and deliver the ticks. An empty
/// shard drops its reminder at the next tick and registers it again on its next add.
/// Hosts without a reminder service (some test clusters) run without the watchdog and rely on the wake
/// pass at silo start alone.
/// </summary>
/// <remarks>
/// A tick never waits for the wakes in the shard's turn: a woken run or twin may call back into the shard
/// (to leave the index), which would deadlock a non-reentrant grain. The pass runs on the thread pool from
/// a snapshot of the ids, in batches, and the next tick is skipped while a pass is still running.
/// </remarks>
public sealed partial class IndexWatchdog(
    Grain shard,
    IServiceProvider services,
    Func<IReadOnlyCollection<string>> listed,
    Func<string, Task> wake,
    TimeSpan period,
    ILogger logger)
{
    /// <summary>The reminder's name; one per shard grain.</summary>
    public const string ReminderName = "primage-watchdog";

    /// <summary>Ids woken at once; bounds the burst on storage and backends.</summary>
    private const int Batch = 32;

    /// <summary>Delay before registering again after the reminder service failed (e.g. during a failover).</summary>
    private static readonly TimeSpan ArmRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>True when the silo has a reminder service (in memory or durable).</summary>
    private readonly bool _enabled = services.GetService<IReminderTable>() is not null;
    private bool _armed;
    private IGrainTimer? _armTimer;
    private Task _pass = Task.CompletedTask;

    /// <summary>
    /// On activation: a shard that lists anything makes sure its reminder exists (it may predate the
    /// watchdog, or the reminders may have been in memory and lost with the process). Registered from a
    /// timer, so the activation never waits on the reminder service.
    /// </summary>
    public void OnActivated()
    {
        if (_enabled && listed().Count > 0)
        {
            ScheduleArm(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// After an id was added: registers the reminder unless this activation already holds it. A failure
    /// does not fail the add (the id is stored); the registration is tried again from a timer.
    /// </summary>
    public async Task WatchAsync()
    {
        if (!_enabled || _armed)
        {
            return;
        }

        await ArmAsync();
    }

    /// <summary>A reminder tick: wake every listed id, or drop the reminder when nothing is listed.</summary>
    public async Task OnReminderAsync(string reminderName)
    {
        if (!string.Equals(reminderName, ReminderName, StringComparison.Ordinal))
        {
            return;
        }

        var ids = listed().ToArray();
        if (ids.Length == 0)
        {
            await DisarmAsync();
            return;
        }

        _armed = true;
        CancelArmTimer();
        if (!_pass.IsCompleted)
        {
            LogPassStillRunning(logger, shard.GetGrainId().ToString(), ids.Length);
            return;
        }

        var shardId = shard.GetGrainId().ToString();
        var log = logger;
        var wakeOne = wake;
        _pass = Task.Factory.StartNew(
                () => WakeAllAsync(shardId, ids, wakeOne, log),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default)
            .Unwrap();
    }

    private async Task ArmAsync()
    {
        try
        {
            await shard.RegisterOrUpdateReminder(ReminderName, period, period);
            _armed = true;
            CancelArmTimer();
            LogArmed(logger, shard.GetGrainId().ToString(), period);
        }
        catch (Exception ex)
        {
            LogArmFailed(logger, shard.GetGrainId().ToString(), ArmRetryDelay, ex);
            ScheduleArm(ArmRetryDelay);
        }
    }

    private async Task DisarmAsync()
    {
        CancelArmTimer();
        try
        {
            if (await shard.GetReminder(ReminderName) is { } reminder)
            {
                await shard.UnregisterReminder(reminder);
            }

            _armed = false;
            LogDisarmed(logger, shard.GetGrainId().ToString());
        }
        catch (Exception ex)
        {
            // The reminder stays; the next tick finds the shard empty and tries again.
            LogDisarmFailed(logger, shard.GetGrainId().ToString(), ex);
        }
    }

    private void ScheduleArm(TimeSpan due)
    {
        if (_armTimer is not null)
        {
            return;
        }

        _armTimer = shard.RegisterGrainTimer(
            static (watchdog, _) => watchdog.OnArmTimerAsync(),
            this,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
    }

    private async Task OnArmTimerAsync()
    {
        CancelArmTimer();
        if (!_armed && listed().Count > 0)
        {
            await ArmAsync();
        }
    }

    private void CancelArmTimer()
    {
        _armTimer?.Dispose();
        _armTimer = null;
    }

    /// <summary>Wakes the ids in batches; one id's failure is logged and the pass goes on.</summary>
    private static async Task WakeAllAsync(string shardId, string[] ids, Func<string, Task> wake, ILogger log)
    {
        var failed = 0;
        foreach (var chunk in ids.Chunk(Batch))
        {
            var results = await Task.WhenAll(chunk.Select(async id =>
            {
                try
                {
                    await wake(id);
                    return true;
                }
                catch (Exception ex)
                {
                    LogWakeFailed(log, shardId, id, ex);
                    return false;
                }
            }));
            failed += results.Count(ok => !ok);
        }

        LogPassDone(log, shardId, ids.Length, failed);
    }
}
