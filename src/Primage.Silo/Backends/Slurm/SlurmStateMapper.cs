using Primage.Grains.Scheduling;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// Maps SLURM job states to tracking kinds and terminal states to step outcomes, exactly and by name
/// (job_state_string in SLURM's slurm.h). Nothing is guessed: a state missing from these tables is
/// <see cref="SlurmStateKind.Unrecognised"/>, and an unrecognised or unknown job is never finished.
/// </summary>
internal static class SlurmStateMapper
{
    private static readonly Dictionary<string, SlurmStateKind> Kinds = new(StringComparer.Ordinal)
    {
        ["PENDING"] = SlurmStateKind.Waiting,
        ["REQUEUED"] = SlurmStateKind.Waiting,
        ["REQUEUE_HOLD"] = SlurmStateKind.Waiting,
        ["REQUEUE_FED"] = SlurmStateKind.Waiting,
        ["RESV_DEL_HOLD"] = SlurmStateKind.Waiting,
        ["SUSPENDED"] = SlurmStateKind.Waiting,
        ["STOPPED"] = SlurmStateKind.Waiting,
        ["CONFIGURING"] = SlurmStateKind.Waiting,
        ["RESIZING"] = SlurmStateKind.Running,
        ["RUNNING"] = SlurmStateKind.Running,
        ["COMPLETING"] = SlurmStateKind.Running,
        ["SIGNALING"] = SlurmStateKind.Running,
        ["STAGE_OUT"] = SlurmStateKind.Running,
        ["COMPLETED"] = SlurmStateKind.Terminal,
        ["FAILED"] = SlurmStateKind.Terminal,
        ["TIMEOUT"] = SlurmStateKind.Terminal,
        ["OUT_OF_MEMORY"] = SlurmStateKind.Terminal,
        ["NODE_FAIL"] = SlurmStateKind.Terminal,
        ["BOOT_FAIL"] = SlurmStateKind.Terminal,
        ["CANCELLED"] = SlurmStateKind.Terminal,
        ["PREEMPTED"] = SlurmStateKind.Terminal,
        ["DEADLINE"] = SlurmStateKind.Terminal,
        ["SPECIAL_EXIT"] = SlurmStateKind.Terminal,
        ["REVOKED"] = SlurmStateKind.Terminal,
    };

    /// <summary>
    /// Normalises a state as the tools print it: sacct can print "CANCELLED by 1001" and some
    /// versions append "+" to a state with flags; the first word without the "+" is the state.
    /// </summary>
    public static string Normalise(string state)
    {
        var trimmed = state.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space >= 0)
        {
            trimmed = trimmed[..space];
        }

        return trimmed.TrimEnd('+').ToUpperInvariant();
    }

    public static SlurmStateKind Classify(string state)
        => Kinds.TryGetValue(Normalise(state), out var kind) ? kind : SlurmStateKind.Unrecognised;

    /// <summary>
    /// The outcome of a terminal job, before the output document is looked at: COMPLETED is only
    /// <see cref="StepOutcome.Succeeded"/> once a valid output document has been fetched (the backend
    /// decides that). FAILED with exit code 2 (and no signal) is the runner rejecting its input.
    /// BOOT_FAIL (the node failed to boot for the job) is a node failure; DEADLINE, SPECIAL_EXIT and
    /// REVOKED have no outcome of their own and are failures. Returns null for a non-terminal state.
    /// </summary>
    public static StepOutcome? TerminalOutcome(SlurmJobStatus status)
        => Normalise(status.State) switch
        {
            "COMPLETED" => StepOutcome.Succeeded,
            "FAILED" when status.ExitCode == RunnerExitCodes.InputRejected && status.Signal is null or 0 => StepOutcome.InputRejected,
            "FAILED" => StepOutcome.Failed,
            "TIMEOUT" => StepOutcome.Timeout,
            "OUT_OF_MEMORY" => StepOutcome.OutOfMemory,
            "NODE_FAIL" => StepOutcome.NodeFail,
            "BOOT_FAIL" => StepOutcome.NodeFail,
            "CANCELLED" => StepOutcome.Cancelled,
            "PREEMPTED" => StepOutcome.Preempted,
            "DEADLINE" or "SPECIAL_EXIT" or "REVOKED" => StepOutcome.Failed,
            _ => null,
        };
}
