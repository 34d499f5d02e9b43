namespace Primage.Grains.Twins;

/// <summary>One shard of the durable set of twins with calibration work outstanding (see <see cref="ITwinWatchIndexGrain"/>).</summary>
public sealed class TwinWatchIndexGrain(
    [PersistentState("watch", StorageNames.Twins)] IPersistentState<TwinWatchIndexState> index)
    : Grain, ITwinWatchIndexGrain
{
    public async Task AddAsync(string twinId)
    {
        if (index.State.TwinIds.Add(twinId))
        {
            await index.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string twinId)
    {
        if (index.State.TwinIds.Remove(twinId))
        {
            await index.WriteStateAsync();
        }
    }

    public Task<string[]> GetAsync() => Task.FromResult(index.State.TwinIds.ToArray());
}
