namespace Primage.Grains.Predictions;

/// <summary>
/// Where a prediction came from: enough to audit it and to replay it bit for bit (the step's input
/// document is archived under <see cref="StepId"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.prediction-provenance.v1")]
public sealed record PredictionProvenance(
    [property: Id(0)] string InputHash,
    [property: Id(1)] long Seed,
    [property: Id(2)] string ModelVersion,
    [property: Id(3)] string KernelVersion,
    [property: Id(4)] string Backend,
    [property: Id(5)] string StepId,
    [property: Id(6)] DateTimeOffset RequestedAt,
    [property: Id(7)] DateTimeOffset? StartedAt,
    [property: Id(8)] DateTimeOffset FinishedAt,
    [property: Id(9)] double? KernelMilliseconds,
    [property: Id(10)] string OutputHash);
