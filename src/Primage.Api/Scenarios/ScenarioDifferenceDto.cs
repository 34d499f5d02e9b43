namespace Primage.Api.Scenarios;

/// <summary>
/// Scenario A against B on the date: the difference of median volumes (A - B, mL), the differences
/// of the 5% and 95% quantiles, and the probability that A leaves a smaller volume than B.
/// </summary>
public sealed record ScenarioDifferenceDto(
    string A,
    string B,
    double MedianDifferenceMl,
    double Q05DifferenceMl,
    double Q95DifferenceMl,
    double ProbabilityALower);
