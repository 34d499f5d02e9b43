namespace Primage.Grains.Twins;

/// <summary>Keeps a site's twin ids; the twin grain adds itself when it is created.</summary>
public sealed class SiteIndexGrain(
    [PersistentState("site-index", StorageNames.Twins)] IPersistentState<SiteIndexState> state) : Grain, ISiteIndexGrain
{
    public async Task AddAsync(string twinId)
    {
        if (state.State.TwinIds.Contains(twinId))
        {
            return;
        }

        state.State.TwinIds.Add(twinId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.TwinIds.Remove(twinId);
            throw;
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.TwinIds]);
}
