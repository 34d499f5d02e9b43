namespace Primage.Api.Predictions;

/// <summary>Where a prediction came from; replaying the step with this seed and input reproduces it.</summary>
public sealed record ProvenanceDto(
    string InputHash,
    long Seed,
    string ModelVersion,
    string KernelVersion,
    string Backend,
    string StepId,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset FinishedAt,
    double? KernelMilliseconds,
    string OutputHash);
