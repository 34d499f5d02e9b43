namespace Primage.Kernels.Survival.Metrics;

/// <summary>Cumulative/dynamic time-dependent AUC with inverse probability of censoring weights.</summary>
public static class TimeDependentAuc
{
    /// <summary>
    /// AUC(t) (Uno et al. 2007; Hung and Chiang 2010): cases are subjects with an event by t (T_i &lt;= t, delta_i = 1),
    /// weighted 1/G(T_i-); controls are subjects still event-free after t (T_j &gt; t), all weighted 1/G(t) which cancels.
    /// AUC(t) = sum_i sum_j w_i c(r_i, r_j) / (sum_i w_i * n_controls), risk ties counting 1/2.
    /// G is the Kaplan-Meier estimate of censoring on the same data.
    /// </summary>
    public static double CumulativeDynamic(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> risks, double t)
    {
        Concordance.Check(times, events, risks);
        var censoring = KaplanMeier.FitCensoring(times, events);
        var controls = Enumerable.Range(0, times.Count).Where(j => times[j] > t).ToArray();
        if (controls.Length == 0)
        {
            return double.NaN;
        }

        double numerator = 0, caseWeight = 0;
        for (var i = 0; i < times.Count; i++)
        {
            if (!events[i] || times[i] > t)
            {
                continue;
            }

            var g = censoring.SurvivalBefore(times[i]);
            if (g <= 0)
            {
                continue;
            }

            var w = 1.0 / g;
            caseWeight += w;
            foreach (var j in controls)
            {
                numerator += w * Concordance.Score(risks[i], risks[j]);
            }
        }

        return caseWeight > 0 ? numerator / (caseWeight * controls.Length) : double.NaN;
    }
}
