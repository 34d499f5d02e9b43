namespace Primage.Grains.Predictions;

/// <summary>
/// The exact input and output documents of one step (key: the step id), kept so any stored
/// prediction can be replayed and compared bit for bit. Written once, read rarely.
/// </summary>
public interface IStepArchiveGrain : IGrainWithStringKey
{
    Task StoreInputAsync(byte[] inputDocument);

    Task StoreOutputAsync(byte[] outputDocument);

    [ReadOnly]
    Task<StepArchive?> GetAsync();
}
