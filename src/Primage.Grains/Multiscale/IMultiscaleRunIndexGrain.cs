namespace Primage.Grains.Multiscale;

/// <summary>
/// One shard (key 0..<see cref="Scheduling.RunIndexShards.Count"/>-1, placed by
/// <see cref="Scheduling.RunIndexShards.ShardOf"/> of the run's key) of the durable set of multiscale runs
/// that have not finished. A restarted silo wakes each of them: a run that stopped between two steps (its
/// last step finished, the next not yet submitted) has no run in the scheduler to call it back.
/// </summary>
public interface IMultiscaleRunIndexGrain : IGrainWithIntegerKey
{
    Task AddAsync(string runKey);

    Task RemoveAsync(string runKey);

    Task<string[]> GetAsync();
}
