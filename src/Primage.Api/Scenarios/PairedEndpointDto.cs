namespace Primage.Api.Scenarios;

/// <summary>
/// An endpoint of scenario A against B over their paired draws: P(A lower) with ties counted half,
/// and the distributions of the per-draw difference A - B (mL) and ratio A / B.
/// </summary>
public sealed record PairedEndpointDto(double ProbabilityALower, DrawIntervalDto DifferenceMl, DrawIntervalDto? Ratio);
