namespace Primage.Silo.Backends.Slurm;

/// <summary>A finished remote command: exit status (-1 when the server sent none), stdout, stderr.</summary>
internal sealed record SlurmCommandResult(int ExitStatus, string Output, string Error);
