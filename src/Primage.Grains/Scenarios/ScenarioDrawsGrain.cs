using Primage.Grains.Predictions;

namespace Primage.Grains.Scenarios;

/// <summary>
/// Holds a scenario's paired draws (tens of KB). Read only when scenarios are compared, so the
/// activation deactivates once idle instead of staying resident, like the step archive.
/// </summary>
public sealed class ScenarioDrawsGrain(
    [PersistentState("draws", StorageNames.Twins)] IPersistentState<ScenarioDrawsState> state) : Grain, IScenarioDrawsGrain
{
    public async Task StoreAsync(PairedDraws draws)
    {
        state.State.Draws = draws;
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<PairedDraws?> GetAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.Draws);
    }
}
