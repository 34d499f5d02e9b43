using System.Text.Json.Nodes;

namespace Primage.Api.Predictions;

/// <summary>
/// One versioned prediction: predictive volume quantiles (mL) by date, endpoints and confidence as
/// defined in docs/calibration.md, the growth-model weights, and provenance.
/// </summary>
public sealed record PredictionDto(
    int Version,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> ObservationIds,
    IReadOnlyList<string> TherapyIds,
    IReadOnlyList<TrajectoryPointDto> Trajectory,
    JsonNode? Endpoints,
    JsonNode? Confidence,
    JsonNode? Models,
    ProvenanceDto Provenance,
    JsonNode? ClinicalEndpoints = null);
