using BenchmarkDotNet.Attributes;
using Primage.Kernels.Calibration;
using Primage.Kernels.Growth;
using Primage.Kernels.Therapy;

namespace Primage.Benchmarks;

/// <summary>
/// The cost of the twin's sequential recalibration at the default ensemble size on one thread:
/// restoring the stored state and absorbing the 2nd observation versus the 10th (goal: the 10th
/// costs at most about 1.5 times the 2nd), and a full recalibration from the priors with ten
/// observations. Data: a neuroblastoma primary scanned every two weeks (synthetic Gompertz course
/// with 15% noise, fixed seed), all six growth laws with the disease priors.
/// </summary>
[MemoryDiagnoser]
public class CalibrationBenchmark
{
    private CandidateModel[] _candidates = [];
    private VolumeObservation[] _observations = [];
    private byte[] _stateAfterOne = [];
    private byte[] _stateAfterNine = [];

    [GlobalSetup]
    public void Setup()
    {
        _candidates = GrowthModels.All.Select(g =>
        {
            var model = new GrowthTrajectoryModel(g, TherapyPlan.None);
            return new CandidateModel(model, DiseasePriors.For("neuroblastoma", model.Name, model.Parameters));
        }).ToArray();
        var random = new CalibrationRandom(7, 1);
        var gompertz = GrowthModels.Get("gompertz");
        _observations = Enumerable.Range(0, 10).Select(j =>
        {
            var v = gompertz.Evaluate(100, 14.0 * j, [0.07, 0.01]);
            return new VolumeObservation($"o{j}", 14.0 * j, v * (1 + 0.15 * random.NextGaussian()));
        }).ToArray();
        _stateAfterOne = StateAfter(1);
        _stateAfterNine = StateAfter(9);
    }

    [Benchmark(Baseline = true)]
    public int AddSecondObservation() => AddOne(_stateAfterOne, 1);

    [Benchmark]
    public int AddTenthObservation() => AddOne(_stateAfterNine, 9);

    [Benchmark]
    public int RecalibrateTenObservations()
    {
        var posterior = EnsemblePosterior.FromPriors(_candidates, MeasurementErrorModel.ClinicalDefault, "bench", SmcSettings.Default.ParticleCount, 1);
        posterior.Assimilate(_observations, 1, SmcSettings.Default);
        return PosteriorStateCodec.Encode(posterior).Length;
    }

    private int AddOne(byte[] state, int index)
    {
        var posterior = PosteriorStateCodec.TryDecode(state, _candidates, "bench")!;
        posterior.Assimilate([_observations[index]], 2, SmcSettings.Default);
        return PosteriorStateCodec.Encode(posterior).Length;
    }

    private byte[] StateAfter(int count)
    {
        var posterior = EnsemblePosterior.FromPriors(_candidates, MeasurementErrorModel.ClinicalDefault, "bench", SmcSettings.Default.ParticleCount, 1);
        posterior.Assimilate(_observations[..count], 1, SmcSettings.Default);
        return PosteriorStateCodec.Encode(posterior);
    }
}
