using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Primage.Grains.Scheduling;

/// <summary>
/// One shard of the durable set of runs needing attention (see <see cref="IRunIndexGrain"/>), and their
/// watchdog: while it lists a run, a reminder resumes it each watchdog period (<see cref="WatchedIndexGrain{TState}"/>).
/// </summary>
public sealed class RunIndexGrain(
    [PersistentState(SchedulingStorage.IndexStateName, SchedulingStorage.Name)] IPersistentState<RunIndexState> index,
    IGrainFactory grains,
    IServiceProvider services,
    IOptions<SimulationSchedulerOptions> options,
    ILogger<RunIndexGrain> logger)
    : WatchedIndexGrain<RunIndexState>(index, services, options, logger), IRunIndexGrain
{
    protected override HashSet<string> Ids(RunIndexState state) => state.StepIds;

    protected override Task WakeAsync(string id) => grains.GetGrain<ISimulationRunGrain>(id).ResumeAsync();
}
