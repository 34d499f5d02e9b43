namespace Primage.Silo.Backends.Slurm;

/// <summary>One step attempt to submit: its job name (= remote directory name), input document and resources.</summary>
internal sealed record SlurmSubmitRequest(
    string StepId,
    int Attempt,
    string JobName,
    byte[] Input,
    TimeSpan Walltime,
    int Cpus,
    int? MemoryMb,
    string Partition,
    string? Account);
