namespace Primage.Grains.Predictions;

/// <summary>Stores a step's documents; the input never changes once written.</summary>
public sealed class StepArchiveGrain(
    [PersistentState("archive", StorageNames.Twins)] IPersistentState<StepArchiveState> state) : Grain, IStepArchiveGrain
{
    public async Task StoreInputAsync(byte[] inputDocument)
    {
        if (state.State.InputDocument is not null)
        {
            return;
        }

        state.State.InputDocument = inputDocument;
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.Zero);
    }

    public async Task StoreOutputAsync(byte[] outputDocument)
    {
        state.State.OutputDocument = outputDocument;
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>
    /// Read rarely (the twin reads its posterior once per recalibration, a replay reads both
    /// documents), so the activation does not stay behind holding tens of KB per step until
    /// collection: it deactivates once idle and the next read loads the documents from storage again.
    /// </summary>
    public Task<StepArchive?> GetAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.InputDocument is { } input ? new StepArchive(input, state.State.OutputDocument) : null);
    }
}
