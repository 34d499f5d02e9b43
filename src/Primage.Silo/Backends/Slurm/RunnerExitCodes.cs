namespace Primage.Silo.Backends.Slurm;

/// <summary>The kernel runner's console contract (primage-kernel --in in.json --out out.json).</summary>
internal static class RunnerExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    /// <summary>Invalid input: one line on stderr; the step is never retried.</summary>
    public const int InputRejected = 2;
}
