namespace Primage.Kernels.Survival.Metrics;

/// <summary>The Brier score for right-censored data (Graf et al., Stat Med 1999) with inverse probability of censoring weights.</summary>
public static class BrierScore
{
    /// <summary>
    /// BS(t) = 1/n sum_i [ S_i(t)^2 I(T_i &lt;= t, delta_i = 1) / G(T_i-) + (1 - S_i(t))^2 I(T_i &gt; t) / G(t) ],
    /// S_i(t) the predicted survival of subject i at t, G the Kaplan-Meier estimate of censoring on the same data.
    /// Subjects censored by t contribute zero but stay in n.
    /// </summary>
    public static double At(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> predictedSurvival, double t)
    {
        Concordance.Check(times, events, predictedSurvival);
        var censoring = KaplanMeier.FitCensoring(times, events);
        return At(times, events, predictedSurvival, t, censoring);
    }

    /// <summary>
    /// Integrated Brier score over [0, tau]: (1/tau) * integral of BS(t), by the trapezoidal rule on
    /// <paramref name="grid"/> (ascending, from 0 to tau). <paramref name="predict"/> gives subject i's S(t).
    /// </summary>
    public static double Integrated(
        IReadOnlyList<double> times,
        IReadOnlyList<bool> events,
        Func<int, double, double> predict,
        IReadOnlyList<double> grid)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(grid);
        Concordance.Check(times, events, times);
        if (grid.Count < 2)
        {
            throw new ArgumentException("The grid needs at least two times.", nameof(grid));
        }

        var censoring = KaplanMeier.FitCensoring(times, events);
        var scores = grid.Select(t => At(times, events, [.. Enumerable.Range(0, times.Count).Select(i => predict(i, t))], t, censoring)).ToArray();
        var area = 0.0;
        for (var k = 1; k < grid.Count; k++)
        {
            area += 0.5 * (scores[k] + scores[k - 1]) * (grid[k] - grid[k - 1]);
        }

        return area / (grid[^1] - grid[0]);
    }

    private static double At(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> s, double t, KaplanMeierCurve censoring)
    {
        var gt = censoring.SurvivalAt(t);
        var sum = 0.0;
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] <= t && events[i])
            {
                var g = censoring.SurvivalBefore(times[i]);
                if (g > 0)
                {
                    sum += s[i] * s[i] / g;
                }
            }
            else if (times[i] > t && gt > 0)
            {
                sum += (1 - s[i]) * (1 - s[i]) / gt;
            }
        }

        return sum / times.Count;
    }
}
