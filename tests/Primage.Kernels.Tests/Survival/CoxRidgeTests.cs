using Primage.Kernels.Survival.Cox;
using Primage.Kernels.Survival.Metrics;

namespace Primage.Kernels.Tests.Survival;

public class CoxRidgeTests
{
    // x = 1, 0, 1 dying at 1, 2, 3: l(b) = b - log(1 + 2e^b) - log(1 + e^b); score zero at e^b = 1/sqrt 2.
    private static readonly double[][] _x = [[1], [0], [1]];
    private static readonly double[] _t = [1, 2, 3];
    private static readonly bool[] _e = [true, true, true];

    [Fact]
    public void Unpenalised_fit_reaches_the_closed_form_maximum()
    {
        var fit = CoxRidge.Fit(_x, _t, _e, lambda: 0);

        Assert.True(fit.Converged);
        Assert.Equal(-Math.Log(2) / 2, fit.Coefficients[0], 9);
        var u = Math.Sqrt(0.5);
        Assert.Equal(Math.Log(u) - Math.Log(1 + (2 * u)) - Math.Log(1 + u), fit.LogPartialLikelihood, 9);
    }

    [Fact]
    public void Ridge_fit_zeroes_the_penalised_score()
    {
        const double lambda = 2.0;
        var b = CoxRidge.Fit(_x, _t, _e, lambda).Coefficients[0];
        var u = Math.Exp(b);
        var score = 1 - (2 * u / (1 + (2 * u))) - (u / (1 + u)) - (lambda * b);

        Assert.Equal(0.0, score, 9);
        Assert.True(Math.Abs(b) < Math.Log(2) / 2);
    }

    [Fact]
    public void Breslow_baseline_matches_hand_computation()
    {
        var b = -Math.Log(2) / 2;
        var u = Math.Exp(b);
        var h = CoxRidge.Baseline([b, 0, b], _t, _e);

        Assert.Equal(1 / (1 + (2 * u)), h.At(1), 12);
        Assert.Equal((1 / (1 + (2 * u))) + (1 / (1 + u)), h.At(2.5), 12);
        Assert.Equal((1 / (1 + (2 * u))) + (1 / (1 + u)) + (1 / u), h.At(3), 12);
        Assert.Equal(0.0, h.At(0.5));
    }

    [Fact]
    public void Recovers_simulated_log_hazard_ratios()
    {
        // n = 2000 exponential times with hazard exp(0.7 x1 - 0.5 x2), 30% random censoring; SE of each
        // coefficient is about 0.03 here, so 0.1 is over three standard errors.
        var random = new Random(11);
        var n = 2000;
        var x = new double[n][];
        var t = new double[n];
        var e = new bool[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = [Normal(random), random.NextDouble() < 0.5 ? 1 : 0];
            var rate = Math.Exp((0.7 * x[i][0]) - (0.5 * x[i][1]));
            var time = -Math.Log(1 - random.NextDouble()) / rate;
            var censor = -Math.Log(1 - random.NextDouble()) / 0.4;
            t[i] = Math.Min(time, censor);
            e[i] = time <= censor;
        }

        var fit = CoxRidge.Fit(x, t, e, lambda: 0);

        Assert.Equal(0.7, fit.Coefficients[0], 0.1);
        Assert.Equal(-0.5, fit.Coefficients[1], 0.1);

        // Calibration slope of the true linear predictor is near 1, and exactly halves when the predictor doubles.
        var lp = x.Select(r => (0.7 * r[0]) - (0.5 * r[1])).ToArray();
        var slope = Primage.Kernels.Survival.Metrics.Calibration.Slope(t, e, lp).Slope;
        Assert.Equal(1.0, slope, 0.1);
        Assert.Equal(slope / 2, Primage.Kernels.Survival.Metrics.Calibration.Slope(t, e, [.. lp.Select(v => 2 * v)]).Slope, 8);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
