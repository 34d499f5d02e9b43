using Primage.Grains.Predictions;

namespace Primage.Api.Scenarios;

/// <summary>
/// Compares scenario forecasts on one date from their predictive quantiles.
/// The scenarios of a twin share the posterior draws and the seed, so draw i of plan A and draw i
/// of plan B are the same tumour under two plans; for plans that shift the course monotonically the
/// draws keep their rank, i.e. the pair is (close to) comonotone: (V_A, V_B) = (Q_A(U), Q_B(U)) with
/// one U ~ Uniform(0, 1). Then P(V_A &lt; V_B) = |{u : Q_A(u) &lt; Q_B(u)}|, which is evaluated with the
/// quantile functions interpolated linearly through the five reported levels (0.05 ... 0.95) and held
/// flat in the tails, on a grid of 1000 levels. Under independent draws this would not hold; the
/// exact per-draw comparison is the "scenarios" kernel task (docs/scenarios.md).
/// </summary>
public static class ScenarioComparison
{
    public const string Method = "comonotone-quantiles";

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
