using BenchmarkDotNet.Attributes;
using Primage.Kernels.Growth;
using Primage.Kernels.Simulation;
using Primage.Kernels.Therapy;

namespace Primage.Benchmarks;

/// <summary>
/// An ensemble of 1,000 Gompertz forecasts over two years (730 days, weekly output: 105 points) on one
/// core, as a calibration or forecast step runs them. The treated ensemble follows a neuroblastoma-like
/// plan (rapid COJEC, surgery, busulfan-melphalan, 21.6 Gy in 12 fractions), so most of the time is
/// spent in the Dormand-Prince path during chemotherapy; the untreated ensemble (closed form only) is
/// the baseline the ratio is reported against.
/// </summary>
[MemoryDiagnoser]
public class EnsembleForecastBenchmark
{
    private const int Particles = 1000;

    private readonly double[] _outputDays = Enumerable.Range(0, 105).Select(w => 7.0 * w).ToArray();
    private readonly double[] _parameters = new double[2 * Particles];
    private readonly double[] _v0 = new double[Particles];
    private readonly TherapyResponse[] _responses = new TherapyResponse[Particles];
    private readonly double[] _volumes = new double[105];
    private readonly IGrowthModel _model = GrowthModels.Get("gompertz");
    private readonly CompiledTherapy _plan = CompiledTherapy.From(new TherapyPlan(
        [new RadiotherapyCourse(180.0, 1.8, 12, 5, StartWeekday: 0)],
        [new ChemotherapyCourse("rapid-cojec", 0.0, 8, 10.0), new ChemotherapyCourse("busulfan-melphalan", 130.0, 1, 0.0)],
        [new SurgeryEvent(95.0, 0.9)]));

    [GlobalSetup]
    public void Setup()
    {
        // A seeded prior-like spread: plateaus e^(alpha/beta) from tens of mL to a few litres.
        var random = new Random(20261203);
        for (var i = 0; i < Particles; i++)
        {
            _parameters[2 * i] = 0.1 + (0.3 * random.NextDouble());
            _parameters[(2 * i) + 1] = 0.02 + (0.04 * random.NextDouble());
            _v0[i] = 5.0 + (100.0 * random.NextDouble());
            _responses[i] = new TherapyResponse(0.05 + (0.3 * random.NextDouble()), 10.0, 0.5 + random.NextDouble());
        }
    }

    [Benchmark(Baseline = true)]
    public double UntreatedEnsemble() => Run(CompiledTherapy.None);

    [Benchmark]
    public double TreatedEnsemble() => Run(_plan);

    private double Run(CompiledTherapy therapy)
    {
        var checksum = 0.0;
        for (var i = 0; i < Particles; i++)
        {
            TumourCourse.Simulate(_model, _parameters.AsSpan(2 * i, 2), _responses[i], therapy, _v0[i], _outputDays, _volumes);
            checksum += _volumes[^1];
        }

        return checksum;
    }
}
