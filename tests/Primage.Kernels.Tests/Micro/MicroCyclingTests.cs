using Primage.Kernels.Micro;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Micro;

/// <summary>
/// With only cycling enabled, a cell's generation time is T = K + C, with K ~ Geometric(p) on {1, 2, ...}
/// hours spent in G0 and C = 24 h of G1/S/G2/M. The expected population is then the renewal sum
///   m(t) = P(T &gt; t) + sum_s f(s) 2 m(t - s),
/// its second moment M2(t) = P(T &gt; t) + sum_s f(s) (2 M2(t - s) + 2 m(t - s)^2), and the long-run
/// growth rate lambda solves the discrete Euler-Lotka equation 2 p x^(C+1) / (1 - (1 - p) x) = 1, x = e^-lambda.
/// </summary>
public sealed class MicroCyclingTests(ITestOutputHelper output)
{
    private const int Hours = 168;
    private const int Cells = 2000;
    private const int Seeds = 5;

    [Fact]
    public void OnlyCycling_PopulationMatchesExpectedRenewalGrowth_WithinFourStandardErrors()
    {
        var parameters = new MicroParameters { Processes = MicroProcesses.Cycling };
        var p = parameters.CycleProbabilityNeuroblast;
        var c = parameters.CycleHours;
        var (mean, variance) = ExpectedCount(p, c, Hours);

        var counts = new double[Seeds];
        for (var seed = 0; seed < Seeds; seed++)
        {
            var input = new MicroRegionInput(
                1.0, 0.6, new NeuroblastomaGenetics(), HistologyGrade.NeuroblastomaUndifferentiated,
                Cellularity: new CellularityFractions(1, 0, 0, 0, 0, 0), CellCount: Cells, AgentCap: 1_000_000, Hours: Hours);
            counts[seed] = MicroModel.Run(input, parameters, 1000 + seed).CellCount;
        }

        // N cells are independent, so the mean over S seeds of the count has SD sqrt(N Var1 / S);
        // 4 SD bounds a false failure at about 6e-5.
        var expected = Cells * mean;
        var standardError = Math.Sqrt(Cells * variance / Seeds);
        var observed = counts.Average();
        var doubling = Math.Log(2) / GrowthRate(p, c);
        output.WriteLine($"expected {expected:F1} +- {standardError:F1} (1 SE), observed {observed:F1}; Euler-Lotka doubling {doubling:F2} h");
        Assert.InRange(observed, expected - 4 * standardError, expected + 4 * standardError);

        // The expected count itself grows at the Euler-Lotka rate once the start-up transient has passed.
        var (late, _) = ExpectedCount(p, c, 600);
        var (later, _) = ExpectedCount(p, c, 700);
        Assert.Equal(Math.Log(later / late) / 100, GrowthRate(p, c), 4);
        // Shorter than the mean generation time 1/p + C = 45.9 h, because generation times vary (Jensen).
        Assert.InRange(doubling, 42.5, 43.2);
    }

    [Fact]
    public void OnlyCycling_SchwannCellsCycleAtTheirOwnRate()
    {
        var parameters = new MicroParameters { Processes = MicroProcesses.Cycling };
        var (mean, variance) = ExpectedCount(parameters.CycleProbabilitySchwann, parameters.CycleHours, Hours);
        var input = new MicroRegionInput(
            1.0, 0.6, new NeuroblastomaGenetics(), HistologyGrade.GanglioneuromaMature,
            Cellularity: new CellularityFractions(0, 0, 0, 1, 0, 0), CellCount: Cells, AgentCap: 1_000_000, Hours: Hours);
        var observed = MicroModel.Run(input, parameters, 7).CellCount;
        var sd = Math.Sqrt(Cells * variance);
        Assert.InRange(observed, Cells * mean - 4 * sd, Cells * mean + 4 * sd);
    }

    /// <summary>Mean and variance of the count at <paramref name="hours"/> from one cell started as the model does.</summary>
    internal static (double Mean, double Variance) ExpectedCount(double p, int c, int hours)
    {
        // From G0 at t = 0: T = K + C, f(s) = p (1 - p)^(s - C - 1) for s >= C + 1.
        var m = new double[hours + 1];
        var m2 = new double[hours + 1];
        for (var t = 0; t <= hours; t++)
        {
            var survive = t <= c ? 1.0 : Math.Pow(1 - p, t - c);
            double sum = 0, sum2 = 0;
            for (var s = c + 1; s <= t; s++)
            {
                var f = p * Math.Pow(1 - p, s - c - 1);
                sum += f * 2 * m[t - s];
                sum2 += f * (2 * m2[t - s] + 2 * m[t - s] * m[t - s]);
            }

            m[t] = survive + sum;
            m2[t] = survive + sum2;
        }

        // Start-up mixture: in the cycle with probability q = C p / (1 + C p) at a uniform age a in 0..C-1,
        // dividing after d = C - a hours; otherwise in G0.
        var q = c * p / (1 + c * p);
        double e1 = (1 - q) * m[hours], e2 = (1 - q) * m2[hours];
        for (var d = 1; d <= c; d++)
        {
            double md, m2d;
            if (hours < d)
            {
                md = 1;
                m2d = 1;
            }
            else
            {
                md = 2 * m[hours - d];
                m2d = 2 * m2[hours - d] + 2 * m[hours - d] * m[hours - d];
            }

            e1 += q / c * md;
            e2 += q / c * m2d;
        }

        return (e1, e2 - e1 * e1);
    }

    /// <summary>Solves 2 p x^(C+1) / (1 - (1 - p) x) = 1 for x = e^-lambda by bisection.</summary>
    internal static double GrowthRate(double p, int c)
    {
        double lo = 1e-6, hi = 1.0;
        for (var i = 0; i < 200; i++)
        {
            var lambda = 0.5 * (lo + hi);
            var x = Math.Exp(-lambda);
            var value = 2 * p * Math.Pow(x, c + 1) / (1 - (1 - p) * x);
            if (value > 1)
            {
                lo = lambda;
            }
            else
            {
                hi = lambda;
            }
        }

        return 0.5 * (lo + hi);
    }
}
