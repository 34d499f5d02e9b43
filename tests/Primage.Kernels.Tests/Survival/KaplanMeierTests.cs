using MathNet.Numerics.Distributions;
using Primage.Kernels.Survival.Metrics;

namespace Primage.Kernels.Tests.Survival;

public class KaplanMeierTests
{
    // times 1, 2, 2+, 3, 4+, 5 (+ = censored). By hand:
    // t=1: n=6, d=1 -> S = 5/6; t=2: n=5, d=1 -> 2/3; t=3: n=3, d=1 -> 4/9; t=5: n=1, d=1 -> 0.
    private static readonly double[] _times = [1, 2, 2, 3, 4, 5];
    private static readonly bool[] _events = [true, true, false, true, false, true];

    [Fact]
    public void Product_limit_matches_hand_computation()
    {
        var km = KaplanMeier.Fit(_times, _events);

        Assert.Equal([1.0, 2, 3, 5], km.Times);
        Assert.Equal([6, 5, 3, 1], km.AtRisk);
        Assert.Equal(5.0 / 6, km.Survival[0], 14);
        Assert.Equal(2.0 / 3, km.Survival[1], 14);
        Assert.Equal(4.0 / 9, km.Survival[2], 14);
        Assert.Equal(0.0, km.Survival[3], 14);
        Assert.Equal(5.0 / 6, km.SurvivalBefore(2), 14);
        Assert.Equal(2.0 / 3, km.SurvivalAt(2), 14);
        Assert.Equal(2.0 / 3, km.SurvivalAt(2.9), 14);
        Assert.Equal(1.0, km.SurvivalAt(0.5), 14);
        Assert.Equal(3.0, km.Median);
    }

    [Fact]
    public void Greenwood_variance_matches_hand_computation()
    {
        var km = KaplanMeier.Fit(_times, _events);

        // Var S(3) = (4/9)^2 (1/(6*5) + 1/(5*4) + 1/(3*2)) = (16/81)(1/4) = 4/81.
        Assert.Equal(4.0 / 81, km.VarianceAt(3), 14);
    }

    [Fact]
    public void Interval_is_the_log_minus_log_transform()
    {
        var km = KaplanMeier.Fit(_times, _events);
        var z = Normal.InvCDF(0, 1, 0.975);
        var s = 5.0 / 6;
        var sigma = Math.Sqrt(1.0 / 30) / Math.Abs(Math.Log(s));

        Assert.Equal(Math.Pow(s, Math.Exp(z * sigma)), km.LowerAt(1), 12);
        Assert.Equal(Math.Pow(s, Math.Exp(-z * sigma)), km.UpperAt(1), 12);
    }

    [Fact]
    public void Median_on_a_flat_half_is_the_midpoint_of_the_interval()
    {
        // Deaths at 1, 2, 3, 4: S = 0.5 on [2, 3), so the median is 2.5 (as R's survfit reports).
        Assert.Equal(2.5, KaplanMeier.Fit([1, 2, 3, 4], [true, true, true, true]).Median);
    }

    [Fact]
    public void Censoring_distribution_reverses_the_indicator()
    {
        var g = KaplanMeier.FitCensoring(_times, _events);

        // Censorings at 2 (n at risk 5) and 4 (n at risk 2): G = 4/5 then 4/5 * 1/2.
        Assert.Equal([2.0, 4], g.Times);
        Assert.Equal(0.8, g.SurvivalAt(2), 14);
        Assert.Equal(0.4, g.SurvivalAt(4), 14);
    }
}
