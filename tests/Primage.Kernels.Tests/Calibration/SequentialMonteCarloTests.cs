using Primage.Kernels.Calibration;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Calibration;

public sealed class SequentialMonteCarloTests(ITestOutputHelper output)
{
    private static readonly MeasurementErrorModel Noise = new(0.1, 0.9);

    [Fact]
    public void CredibleIntervalsCoverTrueParametersOfTwoHundredSyntheticSubjects()
    {
        // 200 subjects with parameters drawn from the prior, eight noisy scans each over three weeks;
        // a calibrated posterior's 90% intervals contain the truth 90% of the time. With 200 subjects
        // the binomial standard error is 2.1 points, so 85% leaves 2.4 standard errors for chance.
        const int subjects = 200;
        var model = ClosedFormModel.Gompertz;
        var prior = ClosedFormModel.GompertzPrior;
        var d = prior.Dimension;
        var hits = new int[subjects, d];
        var settings = new SmcSettings(ParticleCount: 256, MoveSteps: 4);
        Parallel.For(0, subjects, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var random = new CalibrationRandom(2026, s);
            var truthLog = new double[d];
            prior.Sample(random, truthLog);
            var truth = truthLog.Select(Math.Exp).ToArray();
            var observations = Enumerable.Range(0, 8).Select(j =>
            {
                var day = 3.0 * j;
                var v = model.Evaluate(truth, day);
                return new VolumeObservation($"o{j}", day, v + Noise.StandardDeviation(v) * random.NextGaussian());
            }).ToArray();
            var posterior = EnsemblePosterior.FromPriors([new CandidateModel(model, prior)], Noise, "test", settings.ParticleCount, seed: s);
            posterior.Assimilate(observations, seed: s, settings);
            for (var k = 0; k < d; k++)
            {
                var lo = posterior.Models[0].Quantile(k, 0.05);
                var hi = posterior.Models[0].Quantile(k, 0.95);
                hits[s, k] = truth[k] >= lo && truth[k] <= hi ? 1 : 0;
            }
        });

        for (var k = 0; k < d; k++)
        {
            var coverage = Enumerable.Range(0, subjects).Sum(s => hits[s, k]) / (double)subjects;
            output.WriteLine($"{model.Parameters[k].Name}: 90% interval coverage {coverage:P1}");
            Assert.InRange(coverage, 0.85, 0.97);
        }
    }

    [Fact]
    public void AssimilatingOneAtATimeThroughStoredStatesMatchesAllAtOnce()
    {
        var model = ClosedFormModel.Gompertz;
        var candidates = new[] { new CandidateModel(model, ClosedFormModel.GompertzPrior) };
        var observations = Synthetic(model, [8, 0.25, 0.06], 7, seed: 5);
        var settings = new SmcSettings(ParticleCount: 2000);

        var batch = EnsemblePosterior.FromPriors(candidates, Noise, "fp", settings.ParticleCount, seed: 1);
        batch.Assimilate(observations, seed: 1, settings);

        var sequential = EnsemblePosterior.FromPriors(candidates, Noise, "fp", settings.ParticleCount, seed: 2);
        foreach (var o in observations)
        {
            sequential.Assimilate([o], seed: 2, settings);
            sequential = PosteriorStateCodec.TryDecode(PosteriorStateCodec.Encode(sequential), candidates, "fp")!;
            Assert.NotNull(sequential);
        }

        Assert.Equal(7, sequential.Absorbed.Count);
        for (var k = 0; k < model.Parameters.Count; k++)
        {
            var sd = Math.Log(batch.Models[0].Quantile(k, 0.84) / batch.Models[0].Quantile(k, 0.16)) / 2;
            var diff = Math.Abs(batch.Models[0].LogMean(k) - sequential.Models[0].LogMean(k));
            output.WriteLine($"{model.Parameters[k].Name}: |mean difference| = {diff / sd:F3} posterior sd");

            // Each mean carries Monte Carlo error of about sd / sqrt(ESS) with ESS of a few hundred
            // after resampling: 0.3 sd is more than three standard errors of the difference.
            Assert.True(diff < 0.3 * sd, $"{model.Parameters[k].Name}: {diff} vs sd {sd}");
        }

        // The evidence is an unbiased estimate of the same number either way.
        Assert.InRange(sequential.Models[0].LogEvidence - batch.Models[0].LogEvidence, -0.3, 0.3);
    }

    [Fact]
    public void AfterLoadingAStoredStateEveryParticleCarriesTheLogLikelihoodOfAllItsObservations()
    {
        // A stored state holds no log-likelihoods: the next assimilation computes them in the forward
        // run that predicts the new observation. Moved or not, every particle must end with
        // ln p(y_1..y_n | theta_i) of all n observations, which the next Metropolis step relies on.
        var model = ClosedFormModel.Gompertz;
        var candidates = new[] { new CandidateModel(model, ClosedFormModel.GompertzPrior) };
        var observations = Synthetic(model, [8, 0.25, 0.06], 6, seed: 11);
        var posterior = EnsemblePosterior.FromPriors(candidates, Noise, "fp", 400, seed: 3);
        posterior.Assimilate(observations[..5], seed: 3, new SmcSettings(ParticleCount: 400));
        var loaded = PosteriorStateCodec.TryDecode(PosteriorStateCodec.Encode(posterior), candidates, "fp")!;
        Assert.True(loaded.Models[0].LogLikelihoodsPending);

        loaded.Assimilate(observations[5..], seed: 3, new SmcSettings(ParticleCount: 400));

        var m = loaded.Models[0];
        Assert.False(m.LogLikelihoodsPending);
        var days = observations.Select(o => o.Day).ToArray();
        var predicted = new double[days.Length];
        var theta = new double[m.Dimension];
        for (var i = 0; i < m.Count; i++)
        {
            SequentialMonteCarlo.ToNatural(m.Particle(i), theta);
            model.Predict(theta, days, predicted);
            var expected = observations.Select((o, j) => Noise.LogLikelihood(o.Volume, predicted[j])).Sum();
            Assert.Equal(expected, m.LogLikelihoods[i], 1e-9);
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalStateAndAnotherSeedDoesNot()
    {
        var candidates = new[]
        {
            new CandidateModel(ClosedFormModel.Exponential, ClosedFormModel.ExponentialPrior),
            new CandidateModel(ClosedFormModel.Gompertz, ClosedFormModel.GompertzPrior),
        };
        var observations = Synthetic(ClosedFormModel.Gompertz, [8, 0.25, 0.06], 5, seed: 9);
        byte[] Run(long seed, int threads)
        {
            var p = EnsemblePosterior.FromPriors(candidates, Noise, "fp", 300, seed);
            p.Assimilate(observations, seed, new SmcSettings(ParticleCount: 300), threads);
            return PosteriorStateCodec.Encode(p);
        }

        var first = Run(42, 1);
        Assert.Equal(first, Run(42, 2));
        Assert.NotEqual(first, Run(43, 1));
    }

    [Fact]
    public void EvidenceFavoursTheLogisticModelOnSaturatingData()
    {
        var observations = Synthetic(ClosedFormModel.Logistic, [5, 0.3, 150], 12, seed: 3, spacing: 4, noise: new(0.05, 1.0));
        var posterior = Calibrate(observations, new(0.05, 1.0));
        var p = posterior.ModelProbabilities();
        output.WriteLine($"P(exponential, gompertz, logistic) = {string.Join(", ", p.Select(x => x.ToString("F3")))}");
        Assert.True(p[2] > 0.9, $"P(logistic) = {p[2]}");
    }

    [Fact]
    public void EvidenceFavoursTheGompertzModelOnGompertzData()
    {
        var observations = Synthetic(ClosedFormModel.Gompertz, [5, 0.4, 0.1], 12, seed: 4, spacing: 4, noise: new(0.05, 1.0));
        var posterior = Calibrate(observations, new(0.05, 1.0));
        var p = posterior.ModelProbabilities();
        output.WriteLine($"P(exponential, gompertz, logistic) = {string.Join(", ", p.Select(x => x.ToString("F3")))}");
        Assert.True(p[1] > 0.9, $"P(gompertz) = {p[1]}");
    }

    [Fact]
    public void StateOfSixModelsAtTheDefaultSizeIsAFewTensOfKilobytes()
    {
        var candidates = Enumerable.Range(0, 6).Select(i => new CandidateModel(
            new ClosedFormModel($"m{i}", [.. ClosedFormModel.Gompertz.Parameters, new("extra", "-", 1e-3, 10)], (p, t) => ClosedFormModel.Gompertz.Evaluate(p, t)),
            LogNormalPrior.Independent([.. ClosedFormModel.Gompertz.Parameters, new("extra", "-", 1e-3, 10)], [10, 0.2, 0.05, 1], [1, 0.6, 0.6, 0.5]))).ToArray();
        var posterior = EnsemblePosterior.FromPriors(candidates, Noise, "fp", SmcSettings.Default.ParticleCount, seed: 1);
        posterior.Assimilate(Synthetic(ClosedFormModel.Gompertz, [8, 0.25, 0.06], 4, seed: 1), 1, SmcSettings.Default, 2);
        var bytes = PosteriorStateCodec.Encode(posterior);
        output.WriteLine($"state: {bytes.Length} bytes ({Convert.ToBase64String(bytes).Length} in base64)");

        // 6 models x 512 particles x (4 parameters + 1 weight) x 2 bytes = 30,720 bytes plus headers.
        Assert.InRange(bytes.Length, 30_720, 32_000);
        var decoded = PosteriorStateCodec.TryDecode(bytes, candidates, "fp");
        Assert.NotNull(decoded);
        Assert.Equal(bytes, PosteriorStateCodec.Encode(decoded));
        Assert.Null(PosteriorStateCodec.TryDecode(bytes, candidates, "other fingerprint"));
    }

    private static EnsemblePosterior Calibrate(IReadOnlyList<VolumeObservation> observations, MeasurementErrorModel noise)
    {
        var candidates = new[]
        {
            new CandidateModel(ClosedFormModel.Exponential, ClosedFormModel.ExponentialPrior),
            new CandidateModel(ClosedFormModel.Gompertz, ClosedFormModel.GompertzPrior),
            new CandidateModel(ClosedFormModel.Logistic, ClosedFormModel.LogisticPrior),
        };
        var posterior = EnsemblePosterior.FromPriors(candidates, noise, "fp", 1000, seed: 11);
        posterior.Assimilate(observations, 11, new SmcSettings(ParticleCount: 1000), 2);
        return posterior;
    }

    internal static VolumeObservation[] Synthetic(ClosedFormModel model, double[] truth, int count, long seed, double spacing = 3, MeasurementErrorModel? noise = null)
    {
        var random = new CalibrationRandom(seed, 99);
        var error = noise ?? Noise;
        return Enumerable.Range(0, count).Select(j =>
        {
            var day = spacing * j;
            var v = model.Evaluate(truth, day);
            return new VolumeObservation($"o{j}", day, v + error.StandardDeviation(v) * random.NextGaussian());
        }).ToArray();
    }
}
