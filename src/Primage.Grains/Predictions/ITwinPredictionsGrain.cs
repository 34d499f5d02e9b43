namespace Primage.Grains.Predictions;

/// <summary>
/// A twin's prediction history (key: the twin id), apart from the twin so that reading the twin
/// does not load every past forecast.
/// </summary>
public interface ITwinPredictionsGrain : IGrainWithStringKey
{
    /// <summary>Stores a new version; a version already stored is left as it is (idempotent).</summary>
    Task AddAsync(Prediction prediction);

    [ReadOnly]
    Task<Prediction?> GetLatestAsync();

    [ReadOnly]
    Task<Prediction?> GetAsync(int version);

    /// <summary>Newest first; <paramref name="skip"/> and <paramref name="take"/> page through it.</summary>
    [ReadOnly]
    Task<PredictionPage> ListAsync(int skip, int take);
}
