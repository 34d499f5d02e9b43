namespace Primage.Grains.Scenarios;

/// <inheritdoc cref="ITwinScenariosGrain"/>
public sealed class TwinScenariosGrain(
    [PersistentState("scenarios", StorageNames.Twins)] IPersistentState<TwinScenariosState> state) : Grain, ITwinScenariosGrain
{
    public async Task AddAsync(string scenarioId)
    {
        if (state.State.ScenarioIds.Contains(scenarioId))
        {
            return;
        }

        state.State.ScenarioIds.Add(scenarioId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ScenarioIds.Remove(scenarioId);
            throw;
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.ScenarioIds]);
}
