namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// A test against the real SLURM cluster. Skipped locally when no cluster is configured; with CI=true
/// it always runs, so a missing cluster fails it instead of passing silently.
/// </summary>
public sealed class SlurmClusterFactAttribute : FactAttribute
{
    public SlurmClusterFactAttribute()
    {
        if (!SlurmTestCluster.IsConfigured && !SlurmTestCluster.IsCi)
        {
            Skip = SlurmTestCluster.MissingReason;
        }
    }
}
