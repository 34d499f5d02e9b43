using Primage.Kernels.Survival.Metrics;

namespace Primage.Kernels.Tests.Survival;

public class DiscriminationTests
{
    [Fact]
    public void Harrell_counts_concordant_comparable_pairs()
    {
        // Comparable: (1,2), (1,3+), (1,4), (2,3+), (2,4); concordant all but (2,3+): 4/5.
        Assert.Equal(0.8, Concordance.Harrell([1, 2, 3, 4], [true, true, false, true], [4, 2, 3, 1]), 14);
    }

    [Fact]
    public void Harrell_counts_risk_ties_as_half()
    {
        Assert.Equal(0.9, Concordance.Harrell([1, 2, 3, 4], [true, true, false, true], [4, 2, 2, 1]), 14);
    }

    [Fact]
    public void Harrell_compares_an_event_with_a_censoring_at_the_same_time()
    {
        Assert.Equal(1.0, Concordance.Harrell([1, 1], [true, false], [2, 1]), 14);
        Assert.True(double.IsNaN(Concordance.Harrell([1, 1], [true, true], [2, 1])));
    }

    // Data 1, 2+, 3, 4+; censoring KM: G = 1 before 2, 2/3 on [2, 4), 0 from 4.
    private static readonly double[] _t = [1, 2, 3, 4];
    private static readonly bool[] _e = [true, false, true, false];
    private static readonly double[] _r = [3, 1, 0, 2];

    [Fact]
    public void Uno_weights_pairs_by_inverse_squared_censoring_survival()
    {
        // Event at 1 (G(1-) = 1): 3 concordant pairs, weight 1. Event at 3 (G(3-) = 2/3): pair with 4, discordant, weight 9/4.
        Assert.Equal(3.0 / (3.0 + 2.25), Concordance.Uno(_t, _e, _r, tau: 10), 14);
        Assert.Equal(0.75, Concordance.Harrell(_t, _e, _r), 14);
    }

    [Fact]
    public void Uno_truncates_at_tau()
    {
        Assert.Equal(1.0, Concordance.Uno(_t, _e, _r, tau: 2), 14);
    }

    [Fact]
    public void Cumulative_dynamic_auc_matches_hand_computation()
    {
        // t = 3: cases 1 (w 1) and 3 (w 3/2); control 4 (risk 2). Concordant: case 1 only. AUC = 1 / 2.5.
        Assert.Equal(0.4, TimeDependentAuc.CumulativeDynamic(_t, _e, _r, 3), 14);
        // t = 1.5: case 1 only, controls 2, 3, 4 all lower risk: AUC = 1.
        Assert.Equal(1.0, TimeDependentAuc.CumulativeDynamic(_t, _e, _r, 1.5), 14);
    }
}
