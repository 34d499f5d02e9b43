namespace Primage.Grains.Predictions;

/// <summary>Predictive quantiles of the tumour volume (mL) on one date.</summary>
[GenerateSerializer, Immutable, Alias("primage.trajectory-point.v1")]
public sealed record TrajectoryPoint(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] double Q05,
    [property: Id(2)] double Q25,
    [property: Id(3)] double Q50,
    [property: Id(4)] double Q75,
    [property: Id(5)] double Q95);
