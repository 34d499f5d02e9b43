using MathNet.Numerics.Distributions;

namespace Primage.Kernels.Survival.Metrics;

/// <summary>The Kaplan-Meier product-limit estimator.</summary>
/// <remarks>
/// S(t) = prod_{t_k &lt;= t} (1 - d_k / n_k); Greenwood: Var S(t) = S(t)^2 sum_{t_k &lt;= t} d_k / (n_k (n_k - d_k)).
/// Interval on the log(-log) scale: S(t)^exp(+-z sigma), sigma^2 = sum d/(n(n-d)) / (log S)^2, which stays in (0, 1).
/// At a time shared by events and censorings, the events are counted first (censored subjects are at risk).
/// </remarks>
public static class KaplanMeier
{
    /// <summary>Fits the estimator; <paramref name="level"/> is the confidence level of the pointwise interval.</summary>
    public static KaplanMeierCurve Fit(IReadOnlyList<double> times, IReadOnlyList<bool> events, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(events);
        if (times.Count != events.Count)
        {
            throw new ArgumentException("Times and events differ in length.", nameof(events));
        }

        var z = Normal.InvCDF(0, 1, 0.5 + (level / 2));
        var order = Enumerable.Range(0, times.Count).OrderBy(i => times[i]).ToArray();
        var outTimes = new List<double>();
        var atRisk = new List<int>();
        var eventCounts = new List<int>();
        var survival = new List<double>();
        var variance = new List<double>();
        var lower = new List<double>();
        var upper = new List<double>();

        var n = times.Count;
        var s = 1.0;
        var greenwood = 0.0;
        var k = 0;
        while (k < order.Length)
        {
            var t = times[order[k]];
            var d = 0;
            var m = 0;
            while (k + m < order.Length && times[order[k + m]] == t)
            {
                if (events[order[k + m]])
                {
                    d++;
                }

                m++;
            }

            if (d > 0)
            {
                s *= 1.0 - ((double)d / n);
                greenwood = n > d ? greenwood + (d / ((double)n * (n - d))) : double.PositiveInfinity;
                outTimes.Add(t);
                atRisk.Add(n);
                eventCounts.Add(d);
                survival.Add(s);
                var v = s > 0 ? s * s * greenwood : 0.0;
                variance.Add(v);
                if (s > 0 && s < 1 && greenwood > 0 && !double.IsInfinity(greenwood))
                {
                    var logS = Math.Log(s);
                    var sigma = Math.Sqrt(greenwood) / Math.Abs(logS);
                    lower.Add(Math.Pow(s, Math.Exp(z * sigma)));
                    upper.Add(Math.Pow(s, Math.Exp(-z * sigma)));
                }
                else
                {
                    lower.Add(s);
                    upper.Add(s);
                }
            }

            n -= m;
            k += m;
        }

        return new KaplanMeierCurve(outTimes, atRisk, eventCounts, survival, variance, lower, upper);
    }

    /// <summary>Kaplan-Meier estimate of the censoring distribution G(t) = P(C &gt; t) (censorings as events).</summary>
    public static KaplanMeierCurve FitCensoring(IReadOnlyList<double> times, IReadOnlyList<bool> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Fit(times, [.. events.Select(e => !e)]);
    }
}
