namespace Primage.Silo.Backends.Slurm;

/// <summary>A remote SLURM command ran but failed (the cluster answered, the operation did not succeed).</summary>
public sealed class SlurmCommandException(string message) : Exception(message);
