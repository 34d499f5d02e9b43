using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Primage.Grains.Scheduling;

/// <summary>
/// One shard of the durable set of runs needing attention (see <see cref="IRunIndexGrain"/>). It is also
/// their watchdog (<see cref="IndexWatchdog"/>): while it lists a run, a reminder resumes every listed run
/// each <see cref="SimulationSchedulerOptions.WatchdogPeriod"/> on a live silo.
/// </summary>
public sealed class RunIndexGrain : Grain, IRunIndexGrain, IRemindable
{
    private readonly IPersistentState<RunIndexState> _index;
    private readonly IndexWatchdog _watchdog;

    public RunIndexGrain(
        [PersistentState(SchedulingStorage.IndexStateName, SchedulingStorage.Name)] IPersistentState<RunIndexState> index,
        IGrainFactory grains,
        IServiceProvider services,
        IOptions<SimulationSchedulerOptions> options,
        ILogger<RunIndexGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _watchdog = new IndexWatchdog(
            this,
            services,
            () => _index.State.StepIds,
            stepId => grains.GetGrain<ISimulationRunGrain>(stepId).ResumeAsync(),
            options.Value.WatchdogPeriod,
            logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watchdog.OnActivated();
        return Task.CompletedTask;
    }

    public async Task AddAsync(string stepId)
    {
        if (_index.State.StepIds.Add(stepId))
        {
            await _index.WriteStateAsync();
        }

        await _watchdog.WatchAsync();
    }

    public async Task RemoveAsync(string stepId)
    {
        if (_index.State.StepIds.Remove(stepId))
        {
            await _index.WriteStateAsync();
        }
    }

    public Task<string[]> GetAsync() => Task.FromResult(_index.State.StepIds.ToArray());

    public Task ReceiveReminder(string reminderName, TickStatus status) => _watchdog.OnReminderAsync(reminderName);
}
