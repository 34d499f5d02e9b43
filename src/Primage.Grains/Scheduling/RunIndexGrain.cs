namespace Primage.Grains.Scheduling;

/// <summary>One shard of the durable set of runs needing attention (see <see cref="IRunIndexGrain"/>).</summary>
public sealed class RunIndexGrain(
    [PersistentState(SchedulingStorage.IndexStateName, SchedulingStorage.Name)] IPersistentState<RunIndexState> index)
    : Grain, IRunIndexGrain
{
    public async Task AddAsync(string stepId)
    {
        if (index.State.StepIds.Add(stepId))
        {
            await index.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string stepId)
    {
        if (index.State.StepIds.Remove(stepId))
        {
            await index.WriteStateAsync();
        }
    }

    public Task<string[]> GetAsync() => Task.FromResult(index.State.StepIds.ToArray());
}
