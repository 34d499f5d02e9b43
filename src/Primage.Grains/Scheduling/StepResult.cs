namespace Primage.Grains.Scheduling;

/// <summary>A finished step as the backend saw it. OutputDocument is set only on success.</summary>
[GenerateSerializer, Immutable, Alias("primage.step-result.v1")]
public sealed record StepResult(
    [property: Id(0)] string StepId,
    [property: Id(1)] string BackendJobId,
    [property: Id(2)] StepOutcome Outcome,
    [property: Id(3)] byte[]? OutputDocument,
    [property: Id(4)] string? Error,
    [property: Id(5)] DateTimeOffset? StartedAt,
    [property: Id(6)] DateTimeOffset FinishedAt,
    [property: Id(7)] string Backend);
