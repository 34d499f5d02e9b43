namespace Primage.Api.Scenarios;

/// <summary>
/// Scenario A against B on the date. medianDifferenceMl, q05DifferenceMl and q95DifferenceMl are
/// differences of the two predictive quantiles (of a measured volume). probabilityALower is the
/// probability that A leaves a smaller volume than B, by <see cref="Method"/>: "paired-draws" (draw i
/// of A and of B are the same posterior particle, ties counted half) or "comonotone-quantiles" (the
/// approximation from the quantiles, for scenarios without draws). With paired draws, differenceMl
/// and ratio give the median and 5-95% interval of the per-draw V_A - V_B and V_A / V_B of the
/// tumour volume (the noise-free course), and nadir compares the lowest volume after the plans'
/// first treatment the same way; samePosterior says whether both forecasts started from the same
/// posterior (false when a plan rewrote past therapy and the kernel recalibrated: the draws are then
/// paired through the shared seed only).
/// </summary>
public sealed record ScenarioDifferenceDto(
    string A,
    string B,
    double MedianDifferenceMl,
    double Q05DifferenceMl,
    double Q95DifferenceMl,
    double ProbabilityALower,
    string Method,
    int? Draws,
    bool? SamePosterior,
    DrawIntervalDto? DifferenceMl,
    DrawIntervalDto? Ratio,
    PairedEndpointDto? Nadir);
