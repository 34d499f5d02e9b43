namespace Primage.Grains.Predictions;

/// <summary>
/// Holds the versions; the twin grain is the only writer. The history is large (tens of KB per
/// version) and used rarely (one write per calibration, reads by the API), so the activation
/// deactivates once idle after every call instead of staying resident beside its twin until
/// collection; the next call loads the history from storage again. Nothing stored changes.
/// </summary>
public sealed class TwinPredictionsGrain(
    [PersistentState("predictions", StorageNames.Twins)] IPersistentState<TwinPredictionsState> state) : Grain, ITwinPredictionsGrain
{
    public async Task AddAsync(Prediction prediction)
    {
        DeactivateOnIdle();
        var versions = state.State.Versions;
        if (versions.Exists(p => p.Version == prediction.Version))
        {
            return;
        }

        versions.Add(prediction);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            versions.RemoveAt(versions.Count - 1);
            throw;
        }
    }

    public Task<Prediction?> GetLatestAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.Versions.Count == 0 ? null : state.State.Versions[^1]);
    }

    public Task<Prediction?> GetAsync(int version)
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.Versions.Find(p => p.Version == version));
    }

    public Task<PredictionPage> ListAsync(int skip, int take)
    {
        DeactivateOnIdle();
        var versions = state.State.Versions;
        var items = Enumerable.Range(0, versions.Count).Select(i => versions[versions.Count - 1 - i]).Skip(skip).Take(take).ToList();
        return Task.FromResult(new PredictionPage(items, versions.Count));
    }
}
