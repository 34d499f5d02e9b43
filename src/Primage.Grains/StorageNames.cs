namespace Primage.Grains;

/// <summary>Grain storage provider names: a compatibility promise, never renamed.</summary>
public static class StorageNames
{
    /// <summary>Patient twins' profiles, timelines and predictions.</summary>
    public const string Twins = "twins";

    /// <summary>Simulation runs and the run index.</summary>
    public const string Runs = "runs";
}
