namespace Primage.Kernels.Calibration;

/// <summary>
/// The measurement-error model y = V + sigma V^alpha eps, eps ~ N(0, 1) (Benzekry 2014, Vaghi 2020):
/// alpha = 1 is a constant coefficient of variation, alpha &lt; 1 makes small tumours relatively
/// noisier (caliper and segmentation error shrink slower than the volume). Units: the volume unit
/// of the data (sigma depends on it unless alpha = 1: sigma_mL = sigma_mm3 * 1000^(alpha - 1)).
/// </summary>
public sealed record MeasurementErrorModel(double Sigma, double Alpha)
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    // Set by the constructor and again by the init accessor, so a copy made with `with` stays consistent
    // (a property initializer bypasses the accessor).
    private double _logSigma = Math.Log(Sigma);

    /// <summary>The noise scale (in the data's volume unit to the power 1 - alpha).</summary>
    public double Sigma
    {
        get;
        init
        {
            field = value;
            _logSigma = Math.Log(value);
        }
    } = Sigma;

    /// <summary>
    /// Default for clinical volumes in mL: a 15% coefficient of variation (alpha = 1), the order of
    /// inter-observer variability of MRI/CT volumetric segmentation (see docs/calibration.md).
    /// </summary>
    public static MeasurementErrorModel ClinicalDefault { get; } = new(0.15, 1.0);

    /// <summary>The published caliper error model for the mouse data, in mm^3 (Vaghi 2020: sigma 0.21, alpha 0.84).</summary>
    public static MeasurementErrorModel PublishedCaliperMm3 { get; } = new(0.21, 0.84);

    /// <summary>The standard deviation of a measurement of true volume <paramref name="volume"/>.</summary>
    public double StandardDeviation(double volume) => Sigma * Math.Pow(volume, Alpha);

    /// <summary>
    /// sum_j ln p(observed_j | predicted_j) over every observed value, summed in order;
    /// <paramref name="predicted"/> may be longer (its extra values are ignored).
    /// </summary>
    public double LogLikelihood(ReadOnlySpan<double> observed, ReadOnlySpan<double> predicted)
    {
        if (predicted.Length < observed.Length)
        {
            throw new ArgumentException("predicted is shorter than observed.", nameof(predicted));
        }

        var sum = 0.0;
        for (var j = 0; j < observed.Length; j++)
        {
            sum += LogLikelihood(observed[j], predicted[j]);
        }

        return sum;
    }

    /// <summary>
    /// ln N(y; V, (sigma V^alpha)^2); minus infinity for an impossible prediction. Evaluated as
    /// ln sd = ln sigma + alpha ln V and sd = e^(ln sd): one logarithm and one exponential (none for
    /// alpha = 1) instead of a power and a logarithm, since the engine calls it for every particle,
    /// observation and Metropolis step.
    /// </summary>
    public double LogLikelihood(double observed, double predicted)
    {
        if (!(predicted > 0) || double.IsInfinity(predicted))
        {
            return double.NegativeInfinity;
        }

        var logV = Math.Log(predicted);
        double logSd, sd;
        if (Alpha == 1.0)
        {
            logSd = _logSigma + logV;
            sd = Sigma * predicted;
        }
        else
        {
            logSd = _logSigma + (Alpha * logV);
            sd = Math.Exp(logSd);
        }

        var z = (observed - predicted) / sd;
        return -0.5 * z * z - logSd - HalfLogTwoPi;
    }

    /// <summary>Converts to another volume unit: factor = (new unit per old unit), e.g. 1e-3 from mm^3 to mL.</summary>
    public MeasurementErrorModel Rescaled(double factor) => this with { Sigma = Sigma * Math.Pow(factor, 1.0 - Alpha) };
}
