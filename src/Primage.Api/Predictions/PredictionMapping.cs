using System.Text.Json.Nodes;
using Primage.Grains.Predictions;

namespace Primage.Api.Predictions;

/// <summary>Grain records to wire contracts.</summary>
public static class PredictionMapping
{
    public static PredictionDto ToDto(Prediction p) => new(
        p.Version,
        p.CreatedAt,
        p.ObservationIds,
        p.TherapyIds,
        [.. p.Trajectory.Select(t => new TrajectoryPointDto(t.Date, t.Q05, t.Q25, t.Q50, t.Q75, t.Q95))],
        JsonNode.Parse(p.EndpointsJson),
        JsonNode.Parse(p.ConfidenceJson),
        JsonNode.Parse(p.ModelsJson),
        new ProvenanceDto(
            p.Provenance.InputHash,
            p.Provenance.Seed,
            p.Provenance.ModelVersion,
            p.Provenance.KernelVersion,
            p.Provenance.Backend,
            p.Provenance.StepId,
            p.Provenance.RequestedAt,
            p.Provenance.StartedAt,
            p.Provenance.FinishedAt,
            p.Provenance.KernelMilliseconds,
            p.Provenance.OutputHash));
}
