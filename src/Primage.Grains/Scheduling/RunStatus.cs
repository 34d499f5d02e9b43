namespace Primage.Grains.Scheduling;

/// <summary>
/// A snapshot of a run: where it is, on which backend, how many attempts, and (once finished)
/// its outcome and output document.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.run-status.v1")]
public sealed record RunStatus(
    [property: Id(0)] string StepId,
    [property: Id(1)] RunState State,
    [property: Id(2)] string Backend,
    [property: Id(3)] string? BackendJobId,
    [property: Id(4)] int Attempts,
    [property: Id(5)] StepOutcome? Outcome,
    [property: Id(6)] byte[]? OutputDocument,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? SubmittedAt,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt)
{
    public bool IsTerminal => State is RunState.Succeeded or RunState.Failed or RunState.Cancelled;
}
