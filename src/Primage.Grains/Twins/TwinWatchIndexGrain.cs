using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Twins;

/// <summary>
/// One shard of the durable set of twins with calibration work outstanding (see <see cref="ITwinWatchIndexGrain"/>).
/// It is also their watchdog (<see cref="IndexWatchdog"/>): while it lists a twin, a reminder calls
/// <see cref="IPatientTwinGrain.RecalibrateAsync"/> on every listed twin each
/// <see cref="SimulationSchedulerOptions.WatchdogPeriod"/> on a live silo.
/// </summary>
public sealed class TwinWatchIndexGrain : Grain, ITwinWatchIndexGrain, IRemindable
{
    private readonly IPersistentState<TwinWatchIndexState> _index;
    private readonly IndexWatchdog _watchdog;

    public TwinWatchIndexGrain(
        [PersistentState("watch", StorageNames.Twins)] IPersistentState<TwinWatchIndexState> index,
        IGrainFactory grains,
        IServiceProvider services,
        IOptions<SimulationSchedulerOptions> options,
        ILogger<TwinWatchIndexGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _watchdog = new IndexWatchdog(
            this,
            services,
            () => _index.State.TwinIds,
            twinId => grains.GetGrain<IPatientTwinGrain>(twinId).RecalibrateAsync(),
            options.Value.WatchdogPeriod,
            logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watchdog.OnActivated();
        return Task.CompletedTask;
    }

    public async Task AddAsync(string twinId)
    {
        if (_index.State.TwinIds.Add(twinId))
        {
            await _index.WriteStateAsync();
        }

        await _watchdog.WatchAsync();
    }

    public async Task RemoveAsync(string twinId)
    {
        if (_index.State.TwinIds.Remove(twinId))
        {
            await _index.WriteStateAsync();
        }
    }

    public Task<string[]> GetAsync() => Task.FromResult(_index.State.TwinIds.ToArray());

    public Task ReceiveReminder(string reminderName, TickStatus status) => _watchdog.OnReminderAsync(reminderName);
}
