using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Twins;

/// <summary>
/// One shard of the durable set of twins with calibration work outstanding (see <see cref="ITwinWatchIndexGrain"/>),
/// and their watchdog: while it lists a twin, a reminder calls <see cref="IPatientTwinGrain.RecalibrateAsync"/>
/// on it each watchdog period (<see cref="WatchedIndexGrain{TState}"/>).
/// </summary>
public sealed class TwinWatchIndexGrain(
    [PersistentState("watch", StorageNames.Twins)] IPersistentState<TwinWatchIndexState> index,
    IGrainFactory grains,
    IServiceProvider services,
    IOptions<SimulationSchedulerOptions> options,
    ILogger<TwinWatchIndexGrain> logger)
    : WatchedIndexGrain<TwinWatchIndexState>(index, services, options, logger), ITwinWatchIndexGrain
{
    protected override HashSet<string> Ids(TwinWatchIndexState state) => state.TwinIds;

    protected override Task WakeAsync(string id) => grains.GetGrain<IPatientTwinGrain>(id).RecalibrateAsync();
}
