using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Primage.Grains.Scheduling;

/// <summary>
/// One shard of a durable set of ids that still need attention (runs to resume, twins with calibration
/// work outstanding, unfinished multiscale runs), and their watchdog (<see cref="IndexWatchdog"/>): while
/// the shard lists anything, a reminder wakes every listed id each
/// <see cref="SimulationSchedulerOptions.WatchdogPeriod"/> on a live silo, so work a dead silo was
/// driving is picked up by another without waiting for a restart. Waking must be idempotent.
/// </summary>
/// <typeparam name="TState">The stored state (its type and field are a compatibility promise).</typeparam>
public abstract class WatchedIndexGrain<TState> : Grain, IRemindable
    where TState : class, new()
{
    private readonly IPersistentState<TState> _index;
    private readonly IndexWatchdog _watchdog;

    protected WatchedIndexGrain(IPersistentState<TState> index, IServiceProvider services, IOptions<SimulationSchedulerOptions> options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _watchdog = new IndexWatchdog(this, services, () => Ids(_index.State), WakeAsync, options.Value.WatchdogPeriod, logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watchdog.OnActivated();
        return Task.CompletedTask;
    }

    /// <summary>Lists the id (persisted before the answer) and makes sure the watchdog runs.</summary>
    public async Task AddAsync(string id)
    {
        if (Ids(_index.State).Add(id))
        {
            await _index.WriteStateAsync();
        }

        await _watchdog.WatchAsync();
    }

    public async Task RemoveAsync(string id)
    {
        if (Ids(_index.State).Remove(id))
        {
            await _index.WriteStateAsync();
        }
    }

    public Task<string[]> GetAsync() => Task.FromResult(Ids(_index.State).ToArray());

    public Task ReceiveReminder(string reminderName, TickStatus status) => _watchdog.OnReminderAsync(reminderName);

    /// <summary>The set of ids the stored state holds.</summary>
    protected abstract HashSet<string> Ids(TState state);

    /// <summary>
    /// Wakes one listed id; called once per watchdog period while it is listed, from the thread pool
    /// (outside this grain's turn), so implementations call through an injected IGrainFactory.
    /// </summary>
    protected abstract Task WakeAsync(string id);
}
