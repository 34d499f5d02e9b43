namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// What one backend instance has asked of its cluster: remote commands (SSH exec channels), SFTP
/// operations, connections made, status polls and controller calls (squeue, sbatch, scancel).
/// </summary>
public sealed record SlurmBackendStatistics(
    long SshCommands,
    long SftpOperations,
    long Connections,
    long Polls,
    long ControllerCalls,
    long SubmitBatches);
