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

    public Task<StepArchive?> GetAsync() => Task.FromResult(
        state.State.InputDocument is { } input ? new StepArchive(input, state.State.OutputDocument) : null);
}
