using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Primage.Kernels.Macro;

namespace Primage.Benchmarks;

/// <summary>
/// The proliferation-invasion step on a 128^3 grid (heterogeneous D, so the three face-coefficient
/// arrays are read) on one core and on all cores, against a STREAM-like triad a = b + s c over arrays
/// far larger than any cache, measured in the same run with the same slab workers.
/// Bytes per operation follow the STREAM convention (each array element read or written once counts
/// its size; write-allocate traffic is not counted, on either side):
///   step:  read u (8) + read 3 float face coefficients (12) + write u' (8) = 28 bytes per voxel update
///          (the six neighbours of u come from cache: three 128 KB planes of u fit in L2);
///   triad: read b (8) + read c (8) + write a (8) = 24 bytes per element.
/// The "Bound %" column is the step's bytes per second over the triad's on the same number of cores.
/// Run: dotnet run -c Release --project benchmarks/Primage.Benchmarks -- --filter '*Pi3d*'
/// </summary>
[Config(typeof(Config))]
public class Pi3dBenchmark : IDisposable
{
    public const int Edge = 128;
    public const long StepBytesPerVoxel = 28;
    public const long TriadBytesPerElement = 24;

    /// <summary>2^24 doubles = 128 MiB per array, 384 MiB for the triad: far beyond the last-level cache.</summary>
    public const int TriadLength = 1 << 24;

    private ProliferationInvasionModel? _one;
    private ProliferationInvasionModel? _all;
    private double[] _a = [];
    private double[] _b = [];
    private double[] _c = [];
    private SlabWorkers? _triadWorkers;
    private double _dt;

    public static int Cores => Environment.ProcessorCount;

    [GlobalSetup]
    public void Setup()
    {
        const int n = Edge * Edge * Edge;
        var random = new Random(42);

        // Grey/white-like mix: D = 0.05 or 0.25 mm^2/day, 1-mm voxels, a 30 cm^3 tumour in the middle.
        var d = new double[n];
        for (var p = 0; p < n; p++)
        {
            d[p] = random.NextDouble() < 0.4 ? 0.05 : 0.25;
        }

        var field = new double[n];
        SphereInitialCondition.Fill(field, Edge, Edge, Edge, 1.0, 30000, (64.0, 64.0, 64.0));
        _one = new ProliferationInvasionModel(Edge, Edge, Edge, 1.0, 0.03, d, threads: 1);
        _all = new ProliferationInvasionModel(Edge, Edge, Edge, 1.0, 0.03, d, threads: Cores);
        _one.SetDensity(field);
        _all.SetDensity(field);
        _dt = _one.StableDt();

        _a = new double[TriadLength];
        _b = new double[TriadLength];
        _c = new double[TriadLength];
        _b.AsSpan().Fill(1.0);
        _c.AsSpan().Fill(2.0);
        _triadWorkers = Cores > 1 ? new SlabWorkers(Cores, TriadSlab) : null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _one?.Dispose();
        _all?.Dispose();
        _triadWorkers?.Dispose();
    }

    public void Dispose() => Cleanup();

    /// <summary>One step of 128^3 voxel updates on one core.</summary>
    [Benchmark]
    public void Pi3dStepOneCore() => _one!.Step(_dt, 0.001);

    /// <summary>One step of 128^3 voxel updates on all cores.</summary>
    [Benchmark]
    public void Pi3dStepAllCores() => _all!.Step(_dt, 0.001);

    /// <summary>One triad pass over 2^24 elements on one core.</summary>
    [Benchmark]
    public void Pi3dTriadOneCore() => Triad(0, TriadLength);

    /// <summary>One triad pass over 2^24 elements on all cores (fixed equal chunks).</summary>
    [Benchmark]
    public void Pi3dTriadAllCores()
    {
        if (_triadWorkers is null)
        {
            Triad(0, TriadLength);
        }
        else
        {
            _triadWorkers.Run();
        }
    }

    private void TriadSlab(int worker)
    {
        var start = (int)((long)worker * TriadLength / Cores);
        var end = (int)((long)(worker + 1) * TriadLength / Cores);
        Triad(start, end);
    }

    private void Triad(int start, int end)
    {
        // a = b + s c, vectorised like the step.
        var a = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(_a.AsSpan(start, end - start));
        var b = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(_b.AsSpan(start, end - start));
        var c = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(_c.AsSpan(start, end - start));
        var s = new System.Numerics.Vector<double>(3.0);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = b[i] + (s * c[i]);
        }

        for (var i = start + (a.Length * System.Numerics.Vector<double>.Count); i < end; i++)
        {
            _a[i] = _b[i] + (3.0 * _c[i]);
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new Pi3dThroughputColumn(Pi3dThroughputColumn.Kind.UpdatesPerSecond));
            AddColumn(new Pi3dThroughputColumn(Pi3dThroughputColumn.Kind.Bandwidth));
            AddColumn(new Pi3dThroughputColumn(Pi3dThroughputColumn.Kind.BoundPercent));
        }
    }
}
