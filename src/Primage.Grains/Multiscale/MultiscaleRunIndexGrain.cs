using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Multiscale;

/// <summary>
/// One shard of the durable set of unfinished multiscale runs (see <see cref="IMultiscaleRunIndexGrain"/>), and
/// their watchdog: while it lists a run, a reminder calls <see cref="IMultiscaleRunGrain.ResumeAsync"/> on it
/// each watchdog period (<see cref="WatchedIndexGrain{TState}"/>), so a run between two steps on a silo that
/// died goes on elsewhere.
/// </summary>
public sealed class MultiscaleRunIndexGrain(
    [PersistentState("multiscale-index", StorageNames.Twins)] IPersistentState<MultiscaleRunIndexState> index,
    IGrainFactory grains,
    IServiceProvider services,
    IOptions<SimulationSchedulerOptions> options,
    ILogger<MultiscaleRunIndexGrain> logger)
    : WatchedIndexGrain<MultiscaleRunIndexState>(index, services, options, logger), IMultiscaleRunIndexGrain
{
    protected override HashSet<string> Ids(MultiscaleRunIndexState state) => state.RunKeys;

    protected override Task WakeAsync(string id) => grains.GetGrain<IMultiscaleRunGrain>(id).ResumeAsync();
}
