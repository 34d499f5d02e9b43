namespace Primage.Grains.Predictions;

/// <summary>A recalibration the twin has submitted and not yet heard back from.</summary>
[GenerateSerializer, Immutable, Alias("primage.calibration-ticket.v1")]
public sealed record CalibrationTicket(
    [property: Id(0)] string StepId,
    [property: Id(1)] long Seed,
    [property: Id(2)] IReadOnlyList<string> ObservationIds,
    [property: Id(3)] IReadOnlyList<string> TherapyIds,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] DateOnly Origin,
    [property: Id(6)] bool UsedPrior);
