namespace Primage.Api.Predictions;

/// <summary>Predictive quantiles of the tumour volume (mL) on a date.</summary>
public sealed record TrajectoryPointDto(DateOnly Date, double Q05, double Q25, double Q50, double Q75, double Q95);
