namespace Primage.Grains.Scheduling;

/// <summary>
/// The stored record of one run (the run grain's state, and the Akka.NET scheduler's run record).
/// Field ids and the alias are a compatibility promise: never renumber them.
/// </summary>
[GenerateSerializer, Alias("primage.simulation-run-state.v1")]
public sealed class SimulationRunState
{
    /// <summary>The spec as submitted; null while the run does not exist.</summary>
    [Id(0)]
    public StepSpec? Step { get; set; }

    [Id(1)]
    public RunState State { get; set; }

    [Id(2)]
    public string Backend { get; set; } = "";

    /// <summary>The current attempt's backend job id, once the backend has accepted it.</summary>
    [Id(3)]
    public string? BackendJobId { get; set; }

    /// <summary>The current attempt number, starting at 1.</summary>
    [Id(4)]
    public int Attempts { get; set; }

    /// <summary>Consecutive failed submissions of the current attempt (backend unreachable).</summary>
    [Id(5)]
    public int SubmitFailures { get; set; }

    [Id(6)]
    public StepOutcome? Outcome { get; set; }

    /// <summary>The step's output document; kept in the record (documents are small JSON).</summary>
    [Id(7)]
    public byte[]? OutputDocument { get; set; }

    [Id(8)]
    public string? Error { get; set; }

    [Id(9)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(10)]
    public DateTimeOffset? SubmittedAt { get; set; }

    [Id(11)]
    public DateTimeOffset? StartedAt { get; set; }

    [Id(12)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The owner's grain id (GrainId.ToString()), told once when the run finishes.</summary>
    [Id(13)]
    public string? Owner { get; set; }

    /// <summary>True once the owner (if any) has acknowledged the terminal state.</summary>
    [Id(14)]
    public bool OwnerNotified { get; set; }

    /// <summary>Job ids of earlier attempts; late events from them are ignored.</summary>
    [Id(15)]
    public List<string> SupersededJobIds { get; set; } = [];

    public bool Exists => Step is not null;

    public bool IsTerminal => State is RunState.Succeeded or RunState.Failed or RunState.Cancelled;

    /// <summary>The snapshot handed to callers.</summary>
    public RunStatus ToStatus() => new(
        Step?.StepId ?? "",
        State,
        Backend,
        BackendJobId,
        Attempts,
        Outcome,
        OutputDocument,
        Error,
        CreatedAt,
        SubmittedAt,
        StartedAt,
        FinishedAt);
}
