using Primage.Kernels.Survival.Metrics;

namespace Primage.Kernels.Tests.Survival;

public class AccuracyTests
{
    private static readonly double[] _t = [1, 2, 3, 4];
    private static readonly bool[] _e = [true, false, true, false];
    private static readonly double[] _s = [0.2, 0.5, 0.6, 0.9];

    [Fact]
    public void Brier_score_at_a_horizon_matches_hand_computation()
    {
        // t = 2.5, G(2.5) = 2/3: event at 1 -> 0.2^2 / 1; censored at 2 -> 0; alive at 3 and 4 -> (0.4^2 + 0.1^2) / (2/3).
        var expected = (0.04 + ((0.16 + 0.01) * 1.5)) / 4;
        Assert.Equal(expected, BrierScore.At(_t, _e, _s, 2.5), 14);
    }

    [Fact]
    public void Perfect_predictions_score_zero_before_any_censoring()
    {
        // Before the first censoring every subject's status at t = 1.5 is known; predicting it exactly scores 0.
        Assert.Equal(0.0, BrierScore.At(_t, _e, [0, 1, 1, 1], 1.5), 14);
    }

    [Fact]
    public void Integrated_brier_score_is_the_trapezoid_average()
    {
        double Predict(int i, double t) => t == 0 ? 1.0 : _s[i];
        var bs = (0.04 + ((0.16 + 0.01) * 1.5)) / 4;

        Assert.Equal(0.5 * bs, BrierScore.Integrated(_t, _e, Predict, [0, 2.5]), 14);
    }

    [Fact]
    public void Calibration_in_the_large_is_observed_minus_mean_predicted()
    {
        var km = KaplanMeier.Fit([1, 2, 3, 4], [true, true, true, true]);

        Assert.Equal(0.5 - 0.45, Primage.Kernels.Survival.Metrics.Calibration.InTheLarge(km, [0.4, 0.5], 2.5), 14);
    }
}
