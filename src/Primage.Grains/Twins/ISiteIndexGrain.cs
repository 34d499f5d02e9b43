namespace Primage.Grains.Twins;

/// <summary>The ids of the twins of one site (key: the site code), for listing; updated on twin creation.</summary>
public interface ISiteIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds a twin id (idempotent).</summary>
    Task AddAsync(string twinId);

    /// <summary>The ids in creation order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
