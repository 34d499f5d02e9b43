namespace Primage.Grains.Scheduling;

/// <summary>
/// Maps a step id to its run index shard with a hash that is stable across processes
/// (string.GetHashCode is randomised per process, so it cannot be used for durable placement).
/// </summary>
public static class RunIndexShards
{
    /// <summary>Number of index shards; changing it strands entries in the old shards.</summary>
    public const int Count = 16;

    /// <summary>FNV-1a over the UTF-16 code units: h = (h XOR c) * 16777619, from 2166136261.</summary>
    public static int ShardOf(string stepId)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        var hash = 2166136261u;
        foreach (var c in stepId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % Count);
    }
}
