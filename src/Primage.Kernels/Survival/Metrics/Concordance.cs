namespace Primage.Kernels.Survival.Metrics;

/// <summary>Concordance indices for right-censored data; a higher risk score means a shorter expected survival.</summary>
public static class Concordance
{
    /// <summary>
    /// Harrell's C. A pair (i, j) is comparable when i has an event and T_i &lt; T_j, or T_i = T_j with j censored
    /// (j was still at risk); it is concordant when r_i &gt; r_j and counts 1/2 when the risks tie.
    /// Pairs of two events at the same time are not comparable.
    /// </summary>
    public static double Harrell(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> risks)
    {
        Check(times, events, risks);
        double concordant = 0, comparable = 0;
        for (var i = 0; i < times.Count; i++)
        {
            if (!events[i])
            {
                continue;
            }

            for (var j = 0; j < times.Count; j++)
            {
                if (j == i)
                {
                    continue;
                }

                if (times[i] < times[j] || (times[i] == times[j] && !events[j]))
                {
                    comparable++;
                    concordant += Score(risks[i], risks[j]);
                }
            }
        }

        return comparable > 0 ? concordant / comparable : double.NaN;
    }

    /// <summary>
    /// Uno's C (Uno et al., Stat Med 2011): pairs with an event at T_i &lt; tau and T_i &lt; T_j, each weighted by
    /// G(T_i-)^-2 with G the Kaplan-Meier estimate of the censoring distribution on the same data; risk ties count 1/2.
    /// C_tau = sum_ij delta_i G(T_i-)^-2 I(T_i &lt; T_j, T_i &lt; tau) c(r_i, r_j) / sum_ij delta_i G(T_i-)^-2 I(T_i &lt; T_j, T_i &lt; tau).
    /// </summary>
    public static double Uno(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> risks, double tau)
    {
        Check(times, events, risks);
        var censoring = KaplanMeier.FitCensoring(times, events);
        double numerator = 0, denominator = 0;
        for (var i = 0; i < times.Count; i++)
        {
            if (!events[i] || times[i] >= tau)
            {
                continue;
            }

            var g = censoring.SurvivalBefore(times[i]);
            if (g <= 0)
            {
                continue;
            }

            var w = 1.0 / (g * g);
            for (var j = 0; j < times.Count; j++)
            {
                if (times[i] < times[j])
                {
                    denominator += w;
                    numerator += w * Score(risks[i], risks[j]);
                }
            }
        }

        return denominator > 0 ? numerator / denominator : double.NaN;
    }

    internal static double Score(double ri, double rj) => ri > rj ? 1.0 : ri == rj ? 0.5 : 0.0;

    internal static void Check(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Count != events.Count || times.Count != values.Count)
        {
            throw new ArgumentException("Times, events and predictions differ in length.", nameof(values));
        }
    }
}
