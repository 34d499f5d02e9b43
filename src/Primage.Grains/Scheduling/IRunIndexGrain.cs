namespace Primage.Grains.Scheduling;

/// <summary>
/// One shard (key 0..<see cref="RunIndexShards.Count"/>-1) of the durable set of runs that still need
/// attention (not finished, or finished with the owner not yet told). A restarted silo wakes each of them.
/// </summary>
public interface IRunIndexGrain : IGrainWithIntegerKey
{
    Task AddAsync(string stepId);

    Task RemoveAsync(string stepId);

    Task<string[]> GetAsync();
}
