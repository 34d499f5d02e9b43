namespace Primage.Grains.Predictions;

/// <summary>
/// The twin's calibration bookkeeping: whether new data waits for a run (Pending), the run in
/// flight, the posterior the next run starts from, and the latest prediction.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.calibration-status.v1")]
public sealed record CalibrationStatus(
    [property: Id(0)] int Sequence = 0,
    [property: Id(1)] bool Pending = false,
    [property: Id(2)] CalibrationTicket? InFlight = null,
    [property: Id(3)] PredictionSummary? Latest = null,
    [property: Id(4)] string? PosteriorState = null,
    [property: Id(5)] DateOnly? PosteriorOrigin = null,
    [property: Id(6)] IReadOnlyList<string>? PosteriorObservationIds = null,
    [property: Id(7)] IReadOnlyList<string>? PosteriorTherapyIds = null,
    [property: Id(8)] string? LastError = null)
{
    public static CalibrationStatus Initial { get; } = new();
}
