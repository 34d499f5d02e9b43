namespace Primage.Grains.Twins;

/// <summary>
/// One shard (key 0..<see cref="Scheduling.RunIndexShards.Count"/>-1, placed by
/// <see cref="Scheduling.RunIndexShards.ShardOf"/>) of the durable set of twins with calibration work
/// outstanding: data acknowledged but not yet calibrated, or a run in flight. A restarted silo wakes
/// each of them, so an observation acknowledged just before a crash is still calibrated without anyone
/// touching its twin again.
/// </summary>
public interface ITwinWatchIndexGrain : IGrainWithIntegerKey
{
    Task AddAsync(string twinId);

    Task RemoveAsync(string twinId);

    Task<string[]> GetAsync();
}
