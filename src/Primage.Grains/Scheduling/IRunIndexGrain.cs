namespace Primage.Grains.Scheduling;

/// <summary>
/// One shard (key 0..<see cref="RunIndexShards.Count"/>-1) of the durable set of runs that still need
/// attention (not finished, or finished with the owner not yet told). A restarted silo wakes each of them,
/// and while the shard lists anything its watchdog reminder wakes them every period (<see cref="IndexWatchdog"/>).
/// </summary>
public interface IRunIndexGrain : IGrainWithIntegerKey
{
    Task AddAsync(string stepId);

    Task RemoveAsync(string stepId);

    Task<string[]> GetAsync();
}
