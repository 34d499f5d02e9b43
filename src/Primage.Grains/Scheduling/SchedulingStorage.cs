namespace Primage.Grains.Scheduling;

/// <summary>
/// Names the run records are stored under. They are a compatibility promise: renaming one orphans
/// every stored run.
/// </summary>
public static class SchedulingStorage
{
    /// <summary>The grain storage provider name the silo registers for run records and the run index.</summary>
    public const string Name = StorageNames.Runs;

    /// <summary>State name of one run record.</summary>
    public const string RunStateName = "run";

    /// <summary>State name of one run index shard.</summary>
    public const string IndexStateName = "index";
}
