namespace Primage.Grains.Predictions;

/// <summary>
/// One versioned prediction of a twin. Endpoints, confidence and model weights are kept as the
/// kernel's JSON (their definitions live with the kernel, docs/calibration.md), with days already
/// mapped to dates.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.prediction.v1")]
public sealed record Prediction(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] IReadOnlyList<string> ObservationIds,
    [property: Id(3)] IReadOnlyList<string> TherapyIds,
    [property: Id(4)] IReadOnlyList<TrajectoryPoint> Trajectory,
    [property: Id(5)] string EndpointsJson,
    [property: Id(6)] string ConfidenceJson,
    [property: Id(7)] string ModelsJson,
    [property: Id(8)] PredictionProvenance Provenance,
    [property: Id(9)] double? ConfidenceScore);
