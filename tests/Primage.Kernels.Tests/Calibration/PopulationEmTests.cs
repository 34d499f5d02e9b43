using Primage.Kernels.Calibration;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Calibration;

public sealed class PopulationEmTests(ITestOutputHelper output)
{
    // The known population of Gompertz log-parameters (v0, alpha, beta): medians 0.5 mL, 0.4/day,
    // 0.08/day, log-sd 0.3 each, ln alpha and ln beta correlated 2/3 (the strong alpha-beta
    // correlation of real cohorts), v0 independent of both.
    private static readonly double[] TrueMean = [Math.Log(0.5), Math.Log(0.4), Math.Log(0.08)];

    private static readonly double[] TrueCovariance = [0.09, 0, 0, 0, 0.09, 0.06, 0, 0.06, 0.09];

    [Fact]
    public void EmRecoversAPopulationWhoseNaiveTwoStageCovarianceIsInflated()
    {
        // 80 subjects, 5 scans 3 days apart, 10% coefficient of variation: over 12 days the
        // Gompertz deceleration is only partly visible, so each subject's ln beta is uncertain
        // (weak-prior estimates scatter about as much as the population itself).
        var error = new MeasurementErrorModel(0.1, 1.0);
        var (model, subjects, _) = Cohort(80, [0, 3, 6, 9, 12], error, seed: 1000);
        var weak = PopulationPrior.Weak(model.Parameters);
        var fits = subjects.Select((o, s) => PointFit.MaximumAPosteriori(model, weak, error, o, 1000 + s)).ToArray();
        var naive = PopulationPrior.FromEstimates(model.Parameters, fits).Covariance();
        var em = PopulationEm.Fit(model, error, subjects, fits);
        var omega = em.Prior.Covariance();
        output.WriteLine($"EM: {em.Iterations} iterations, converged {em.Converged}, last change {em.FinalChange:E2}");
        output.WriteLine($"variance / true variance: naive {Ratios(naive)}, EM {Ratios(omega)}");
        output.WriteLine($"EM mean - true mean: {string.Join(", ", em.Prior.LogMean.Select((m, a) => (m - TrueMean[a]).ToString("F3")))}");
        output.WriteLine($"EM corr(ln alpha, ln beta) = {omega[5] / Math.Sqrt(omega[4] * omega[8]):F3} (true 0.667)");

        Assert.True(em.Converged);
        Assert.True(em.Iterations < 100, $"{em.Iterations} iterations");

        // The naive covariance is the population plus estimation noise: the growth parameters'
        // variances come out well above the truth (ln beta several-fold).
        Assert.True(naive[4] > 1.3 * TrueCovariance[4], $"naive var ln alpha {naive[4]:F3}");
        Assert.True(naive[8] > 2.5 * TrueCovariance[8], $"naive var ln beta {naive[8]:F3}");

        // EM: each mean within 0.15 (about three standard errors of an 80-subject mean of
        // log-sd 0.3 plus estimation noise; the heteroscedastic likelihood alone biases ln v0 by
        // about -1.5 sigma^2 = -0.015), each variance within a factor 1.5 of the truth (about 2.5
        // standard errors of ln of a variance estimated from 80 draws, sqrt(2/79) = 0.16), and the
        // alpha-beta correlation within 0.15 of 2/3.
        for (var a = 0; a < 3; a++)
        {
            Assert.InRange(em.Prior.LogMean[a] - TrueMean[a], -0.15, 0.15);
            Assert.InRange(omega[(a * 3) + a] / TrueCovariance[(a * 3) + a], 1 / 1.5, 1.5);
            Assert.True(omega[(a * 3) + a] < naive[(a * 3) + a], $"EM variance {a} not below the naive one");
        }

        Assert.InRange(omega[5] / Math.Sqrt(omega[4] * omega[8]), (2.0 / 3) - 0.15, (2.0 / 3) + 0.15);
    }

    [Fact]
    public void WithNearlyNoiseFreeDataEmReturnsTheSampleMomentsOfTheTrueParameters()
    {
        // 0.5% noise: every C_s is tiny, so the M-step reduces to mean and 1/N covariance of the
        // subjects' true log-parameters (EM floors the ridge instead of adding it).
        var error = new MeasurementErrorModel(0.005, 1.0);
        var (model, subjects, truth) = Cohort(40, [0, 4, 8, 12, 16, 20, 24, 28], error, seed: 7);
        var weak = PopulationPrior.Weak(model.Parameters);
        var fits = subjects.Select((o, s) => PointFit.MaximumAPosteriori(model, weak, error, o, 7 + s)).ToArray();
        var em = PopulationEm.Fit(model, error, subjects, fits);
        Assert.True(em.Converged);
        var omega = em.Prior.Covariance();
        var n = truth.Length;
        for (var a = 0; a < 3; a++)
        {
            var mean = truth.Average(x => x[a]);
            Assert.Equal(mean, em.Prior.LogMean[a], 0.005);
            for (var b = 0; b < 3; b++)
            {
                var meanB = truth.Average(x => x[b]);
                var sample = truth.Sum(x => (x[a] - mean) * (x[b] - meanB)) / n;
                Assert.Equal(sample, omega[(a * 3) + b], 0.005);
            }
        }
    }

    private static string Ratios(double[] covariance)
        => string.Join(", ", Enumerable.Range(0, 3).Select(a => (covariance[(a * 3) + a] / TrueCovariance[(a * 3) + a]).ToString("F2")));

    /// <summary>Subjects drawn from the true population, observed on <paramref name="days"/> with <paramref name="error"/>.</summary>
    private static (ClosedFormModel Model, VolumeObservation[][] Subjects, double[][] Truth) Cohort(int n, double[] days, MeasurementErrorModel error, long seed)
    {
        var model = ClosedFormModel.Gompertz;
        var population = LogNormalPrior.FromCovariance(model.Parameters, TrueMean, TrueCovariance);
        var random = new CalibrationRandom(seed, 1);
        var truth = new double[n][];
        var subjects = new VolumeObservation[n][];
        for (var s = 0; s < n; s++)
        {
            truth[s] = new double[3];
            population.Sample(random, truth[s]);
            var theta = truth[s].Select(Math.Exp).ToArray();
            subjects[s] = days.Select((t, j) =>
            {
                var v = model.Evaluate(theta, t);
                return new VolumeObservation($"{s}/{j}", t, v + (error.StandardDeviation(v) * random.NextGaussian()));
            }).ToArray();
        }

        return (model, subjects, truth);
    }
}
