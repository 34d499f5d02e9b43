using Primage.Grains.Predictions;

namespace Primage.Api.Scenarios;

/// <summary>
/// Compares scenario forecasts on one date.
///
/// Paired draws (the method whenever both scenarios have them): the forecasts of a twin's scenarios
/// share the posterior and the seed, and each reports the same n equally weighted draws (the same
/// posterior particle at the same index, <see cref="PairedDraws"/>). Draw i of plan A and draw i of
/// plan B are then the same tumour under two plans, so
///   P(V_A &lt; V_B) = (1/n) sum_i [V_A,i &lt; V_B,i] + (1/2)[V_A,i = V_B,i],
/// and the per-draw difference V_A,i - V_B,i and ratio V_A,i / V_B,i have the posterior's spread only:
/// two identical plans give exactly 1/2, a difference of exactly 0 and a ratio of exactly 1.
/// A draw's volume between output dates is linear in time, like the quantiles.
///
/// Comonotone quantiles (the fallback for scenarios forecast without draws): for plans that shift
/// the course monotonically the shared draws keep their rank, i.e. (V_A, V_B) = (Q_A(U), Q_B(U))
/// with one U ~ Uniform(0, 1), so P(V_A &lt; V_B) = |{u : Q_A(u) &lt; Q_B(u)}|, evaluated with the
/// quantile functions interpolated linearly through the five reported levels (0.05 ... 0.95) and
/// held flat in the tails, on a grid of 1000 levels: an approximation from the reported quantiles.
/// </summary>
public static class ScenarioComparison
{
    /// <summary>The method of a comparison made from the quantiles alone.</summary>
    public const string Method = "comonotone-quantiles";

    /// <summary>The method of a comparison made draw by draw.</summary>
    public const string PairedMethod = "paired-draws";

    /// <summary>A comparison whose pairs used both methods.</summary>
    public const string MixedMethod = "mixed";

    private static readonly double[] Levels = [0.05, 0.25, 0.50, 0.75, 0.95];

    /// <summary>The quantiles on <paramref name="date"/>, linear in time between trajectory points; null outside the trajectory.</summary>
    public static TrajectoryPoint? At(IReadOnlyList<TrajectoryPoint> trajectory, DateOnly date)
    {
        for (var i = 0; i < trajectory.Count; i++)
        {
            var p = trajectory[i];
            if (p.Date == date)
            {
                return p;
            }

            if (p.Date > date)
            {
                if (i == 0)
                {
                    return null;
                }

                var q = trajectory[i - 1];
                var w = (double)(date.DayNumber - q.Date.DayNumber) / (p.Date.DayNumber - q.Date.DayNumber);
                return new TrajectoryPoint(
                    date,
                    Lerp(q.Q05, p.Q05, w),
                    Lerp(q.Q25, p.Q25, w),
                    Lerp(q.Q50, p.Q50, w),
                    Lerp(q.Q75, p.Q75, w),
                    Lerp(q.Q95, p.Q95, w));
            }
        }

        return null;
    }

    /// <summary>P(V_A &lt; V_B) under the comonotone coupling of the two quantile functions (ties count half).</summary>
    public static double ProbabilityALower(TrajectoryPoint a, TrajectoryPoint b)
    {
        const int Grid = 1000;
        var lower = 0.0;
        for (var k = 0; k < Grid; k++)
        {
            var u = (k + 0.5) / Grid;
            var qa = Quantile(a, u);
            var qb = Quantile(b, u);
            lower += qa < qb ? 1.0 : qa == qb ? 0.5 : 0.0;
        }

        return lower / Grid;
    }

    /// <summary>Every draw's volume (mL) on <paramref name="date"/>, linear in time between output dates; null outside them.</summary>
    public static double[]? DrawsAt(PairedDraws draws, DateOnly date)
    {
        var n = draws.Count;
        for (var d = 0; d < draws.Dates.Length; d++)
        {
            if (draws.Dates[d] == date)
            {
                return [.. draws.VolumesMl.AsSpan(d * n, n).ToArray().Select(v => (double)v)];
            }

            if (draws.Dates[d] > date)
            {
                if (d == 0)
                {
                    return null;
                }

                var before = draws.Dates[d - 1];
                var w = (double)(date.DayNumber - before.DayNumber) / (draws.Dates[d].DayNumber - before.DayNumber);
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = Lerp(draws.VolumesMl[((d - 1) * n) + i], draws.VolumesMl[(d * n) + i], w);
                }

                return values;
            }
        }

        return null;
    }

    /// <summary>True when the two sets of draws can be paired index by index.</summary>
    public static bool CanPair(PairedDraws? a, PairedDraws? b)
        => a is not null && b is not null && a.Count == b.Count && a.Dates.SequenceEqual(b.Dates);

    /// <summary>
    /// A against B draw by draw: P(a_i &lt; b_i) with ties counted half, and the quantiles of a_i - b_i
    /// and of a_i / b_i (over draws with b_i &gt; 0; null when there are none). Pairs with a value that
    /// is not finite are left out; null when none is left.
    /// </summary>
    public static PairedEndpointDto? Pair(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var lower = 0.0;
        var differences = new List<double>(a.Count);
        var ratios = new List<double>(a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
            {
                continue;
            }

            lower += a[i] < b[i] ? 1.0 : a[i] == b[i] ? 0.5 : 0.0;
            differences.Add(a[i] - b[i]);
            if (b[i] > 0.0)
            {
                ratios.Add(a[i] / b[i]);
            }
        }

        if (differences.Count == 0)
        {
            return null;
        }

        return new PairedEndpointDto(lower / differences.Count, Interval(differences)!, Interval(ratios));
    }

    /// <summary>
    /// The type-7 (linear between order statistics) 5%, 50% and 95% quantiles of the finite values,
    /// null when there are none; with 201 draws each level falls on an order statistic.
    /// </summary>
    public static DrawIntervalDto? Interval(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0
            ? null
            : new DrawIntervalDto(Quantile(sorted, 0.05), Quantile(sorted, 0.50), Quantile(sorted, 0.95));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static double Quantile(TrajectoryPoint p, double u)
    {
        double[] values = [p.Q05, p.Q25, p.Q50, p.Q75, p.Q95];
        if (u <= Levels[0])
        {
            return values[0];
        }

        for (var i = 1; i < Levels.Length; i++)
        {
            if (u <= Levels[i])
            {
                return Lerp(values[i - 1], values[i], (u - Levels[i - 1]) / (Levels[i] - Levels[i - 1]));
            }
        }

        return values[^1];
    }

    private static double Lerp(double a, double b, double w) => a + ((b - a) * w);
}
