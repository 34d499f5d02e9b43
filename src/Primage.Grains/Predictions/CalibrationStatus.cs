namespace Primage.Grains.Predictions;

/// <summary>
/// The twin's calibration bookkeeping: whether new data waits for a run (Pending), the run in
/// flight, the posterior the next run starts from, and the latest prediction.
/// The posterior itself (tens of KB) stays out of the twin's memory: it lives in the output document
/// of step <see cref="PosteriorStepId"/> (the step archive) and is read only when the next run is
/// built. <see cref="PosteriorState"/> is kept for stored twins of the first version.
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
    [property: Id(8)] string? LastError = null,
    [property: Id(9)] string? PosteriorStepId = null)
{
    public static CalibrationStatus Initial { get; } = new();
}
