namespace Primage.Kernels.Survival.Metrics;

/// <summary>
/// A Kaplan-Meier estimate at its distinct event times, with Greenwood variance and a pointwise
/// confidence interval on the complementary log-log scale.
/// </summary>
/// <param name="Times">Distinct event times, ascending.</param>
/// <param name="AtRisk">Number at risk just before each time.</param>
/// <param name="Events">Number of events at each time.</param>
/// <param name="Survival">S(t) just after each time.</param>
/// <param name="Variance">Greenwood variance of S(t).</param>
/// <param name="Lower">Lower confidence limit of S(t).</param>
/// <param name="Upper">Upper confidence limit of S(t).</param>
public sealed record KaplanMeierCurve(
    IReadOnlyList<double> Times,
    IReadOnlyList<int> AtRisk,
    IReadOnlyList<int> Events,
    IReadOnlyList<double> Survival,
    IReadOnlyList<double> Variance,
    IReadOnlyList<double> Lower,
    IReadOnlyList<double> Upper)
{
    /// <summary>S(t), right-continuous: includes events at t.</summary>
    public double SurvivalAt(double t) => ValueAt(Survival, t, inclusive: true, initial: 1.0);

    /// <summary>S(t-), the left limit: excludes events at t (used for IPCW weights G(T-)).</summary>
    public double SurvivalBefore(double t) => ValueAt(Survival, t, inclusive: false, initial: 1.0);

    /// <summary>Lower confidence limit at t.</summary>
    public double LowerAt(double t) => ValueAt(Lower, t, inclusive: true, initial: 1.0);

    /// <summary>Upper confidence limit at t.</summary>
    public double UpperAt(double t) => ValueAt(Upper, t, inclusive: true, initial: 1.0);

    /// <summary>Greenwood variance at t.</summary>
    public double VarianceAt(double t) => ValueAt(Variance, t, inclusive: true, initial: 0.0);

    /// <summary>
    /// The median: the first time S(t) is at or below 0.5; when S is exactly 0.5 on an interval, the midpoint of
    /// that interval (the convention of R's survival package); null when never reached.
    /// </summary>
    public double? Median => FirstTimeAtOrBelow(Survival, 0.5);

    /// <summary>
    /// Confidence limits of the median: the first times the lower and the upper pointwise limits reach 0.5
    /// (Brookmeyer-Crowley style inversion of the pointwise interval); null when not reached.
    /// </summary>
    public (double? Lower, double? Upper) MedianInterval => (FirstTimeAtOrBelow(Lower, 0.5), FirstTimeAtOrBelow(Upper, 0.5));

    private double? FirstTimeAtOrBelow(IReadOnlyList<double> values, double level)
    {
        for (var k = 0; k < Times.Count; k++)
        {
            if (Math.Abs(values[k] - level) < 1e-12 && k + 1 < Times.Count)
            {
                return 0.5 * (Times[k] + Times[k + 1]);
            }

            if (values[k] <= level)
            {
                return Times[k];
            }
        }

        return null;
    }

    private double ValueAt(IReadOnlyList<double> values, double t, bool inclusive, double initial)
    {
        var value = initial;
        for (var k = 0; k < Times.Count; k++)
        {
            if (Times[k] < t || (inclusive && Times[k] == t))
            {
                value = values[k];
            }
            else
            {
                break;
            }
        }

        return value;
    }
}
