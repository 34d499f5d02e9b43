namespace Primage.Grains.Multiscale;

/// <inheritdoc cref="IMultiscaleRunIndexGrain"/>
public sealed class MultiscaleRunIndexGrain(
    [PersistentState("multiscale-index", StorageNames.Twins)] IPersistentState<MultiscaleRunIndexState> index)
    : Grain, IMultiscaleRunIndexGrain
{
    public async Task AddAsync(string runKey)
    {
        if (index.State.RunKeys.Add(runKey))
        {
            await index.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string runKey)
    {
        if (index.State.RunKeys.Remove(runKey))
        {
            await index.WriteStateAsync();
        }
    }

    public Task<string[]> GetAsync() => Task.FromResult(index.State.RunKeys.ToArray());
}
