namespace Primage.Grains.Predictions;

/// <summary>What the twin keeps from a forecast step's output document.</summary>
public sealed record ForecastOutcome(
    IReadOnlyList<TrajectoryPoint> Trajectory,
    string EndpointsJson,
    string ConfidenceJson,
    string ModelsJson,
    double? ConfidenceScore,
    string? PosteriorState,
    string InputHash,
    string KernelVersion,
    string ModelVersion,
    double? KernelMilliseconds,
    string OutputHash)
{
    /// <summary>The paired draws, when the step asked for them.</summary>
    public PairedDraws? PairedDraws { get; init; }
}
