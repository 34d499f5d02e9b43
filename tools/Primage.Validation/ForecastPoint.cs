namespace Primage.Validation;

/// <summary>
/// One held-out measurement and every method's forecast of it. Volumes in mm^3.
/// Bayesian holds q05, q25, q50, q75, q95 per method ("average" and each model); Baselines the point
/// forecast per baseline ("naive", "lsq:model").
/// </summary>
internal sealed record ForecastPoint(
    string Subject,
    int K,
    double Horizon,
    double Observed,
    IReadOnlyDictionary<string, double[]> Bayesian,
    IReadOnlyDictionary<string, double> Baselines,
    double Confidence);
