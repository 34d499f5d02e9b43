namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// Tests that restart the cluster's sshd or count SSH operations run one after another: a restart cuts
/// every connection to the cluster, which would add reconnects to another test's counts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SlurmSshdCollection
{
    public const string Name = "SLURM sshd";
}
