namespace Primage.Grains.Predictions;

/// <summary>Holds the versions; the twin grain is the only writer.</summary>
public sealed class TwinPredictionsGrain(
    [PersistentState("predictions", StorageNames.Twins)] IPersistentState<TwinPredictionsState> state) : Grain, ITwinPredictionsGrain
{
    public async Task AddAsync(Prediction prediction)
    {
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

    public Task<Prediction?> GetLatestAsync() =>
        Task.FromResult(state.State.Versions.Count == 0 ? null : state.State.Versions[^1]);

    public Task<Prediction?> GetAsync(int version) =>
        Task.FromResult(state.State.Versions.Find(p => p.Version == version));

    public Task<PredictionPage> ListAsync(int skip, int take)
    {
        var versions = state.State.Versions;
        var items = Enumerable.Range(0, versions.Count).Select(i => versions[versions.Count - 1 - i]).Skip(skip).Take(take).ToList();
        return Task.FromResult(new PredictionPage(items, versions.Count));
    }
}
