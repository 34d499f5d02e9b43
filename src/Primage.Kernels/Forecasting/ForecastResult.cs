namespace Primage.Kernels.Forecasting;

/// <summary>
/// A posterior predictive forecast. Quantiles are those of a future measured volume (the model
/// course plus measurement error), so intervals can be checked against later scans.
/// Confidence at a day: c = 1 / (1 + E), E = (q75 - q25) / (2 q50), the predicted median absolute
/// relative error of the median forecast (for a calibrated predictive, half of measurements fall
/// within the 50% interval, so |y - q50| / q50 has median about E). c = 0.9 means a typical error of
/// about 11%, 0.5 about 100%.
/// </summary>
public sealed record ForecastResult(
    IReadOnlyList<double> Days,
    IReadOnlyList<double> Q05,
    IReadOnlyList<double> Q25,
    IReadOnlyList<double> Q50,
    IReadOnlyList<double> Q75,
    IReadOnlyList<double> Q95,
    IReadOnlyList<double> Confidence,
    IReadOnlyList<double> ProbabilityOfResponseBy,
    IReadOnlyList<double> ProbabilityOfProgressionBy,
    IReadOnlyList<double?> TimeToProgressionQuantiles,
    double ProbabilityNoProgressionWithinHorizon,
    double ConfidenceScore,
    double ReferenceDay)
{
    /// <summary>The paired draws, when the request asked for them.</summary>
    public PairedDraws? Paired { get; init; }

    /// <summary>The quantile levels of <see cref="TimeToProgressionQuantiles"/> and the trajectory.</summary>
    public static IReadOnlyList<double> Levels { get; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>c = 1 / (1 + (q75 - q25) / (2 q50)).</summary>
    public static double ConfidenceOf(double q25, double q50, double q75)
        => q50 > 0 ? 1.0 / (1.0 + (q75 - q25) / (2.0 * q50)) : 0.0;
}
