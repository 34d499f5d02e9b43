namespace Primage.Grains.Predictions;

/// <summary>The latest prediction in brief, kept on the twin itself.</summary>
[GenerateSerializer, Immutable, Alias("primage.prediction-summary.v1")]
public sealed record PredictionSummary(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] double? ConfidenceScore);
