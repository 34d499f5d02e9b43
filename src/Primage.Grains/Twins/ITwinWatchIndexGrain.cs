namespace Primage.Grains.Twins;

/// <summary>
/// One shard (key 0..<see cref="Scheduling.RunIndexShards.Count"/>-1, placed by
/// <see cref="Scheduling.RunIndexShards.ShardOf"/>) of the durable set of twins with calibration work
/// outstanding: data acknowledged but not yet calibrated, or a run in flight. A restarted silo wakes
/// each of them, and while the shard lists anything its watchdog reminder wakes them every period
/// (<see cref="Scheduling.IndexWatchdog"/>), so an observation acknowledged just before a crash is still
/// calibrated without anyone touching its twin again, also when the silo that held it never comes back.
/// </summary>
public interface ITwinWatchIndexGrain : IGrainWithIntegerKey
{
    Task AddAsync(string twinId);

    Task RemoveAsync(string twinId);

    Task<string[]> GetAsync();
}
