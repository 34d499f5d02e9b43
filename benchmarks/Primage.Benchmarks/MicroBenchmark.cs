using BenchmarkDotNet.Attributes;
using Primage.Kernels.Micro;

namespace Primage.Benchmarks;

/// <summary>
/// The micro model at 10^6 agents: one full-model hour from a fresh population (every agent updated
/// exactly once, so updates/s = 10^6 / mean time), on one core (the baseline) and on all cores; and the
/// construction of the population, whose allocated bytes / 10^6 is the memory per agent.
/// Run: dotnet run -c Release --project benchmarks/Primage.Benchmarks -- --filter *MicroBenchmark* --job short
/// </summary>
[MemoryDiagnoser]
public class MicroBenchmark
{
    private const int Agents = 1_000_000;
    private MicroSimulation? _simulation;

    [Params(1, -1)]
    public int MaxDegreeOfParallelism { get; set; }

    internal static MicroRegionInput Region() => new(
        VolumeMm3: 1.0,
        Oxygen: 0.3,
        Genetics: new NeuroblastomaGenetics(MycnAmplified: true),
        Histology: HistologyGrade.NeuroblastomaPoorlyDifferentiated,
        CellCount: Agents,
        AgentCap: Agents,
        ChemoWindows: [new ChemoWindow(0, 24, 0.5, 0.5, 0.5, 0.5, 0.5, 0)],
        Hours: 1);

    [IterationSetup(Target = nameof(StepOneHour))]
    public void CreatePopulation() => _simulation = new MicroSimulation(Region(), MicroParameters.Default, 1, MaxDegreeOfParallelism);

    /// <summary>One hour of 10^6 agents (all processes, chemotherapy active, O2 0.3 so hypoxia acts).</summary>
    [Benchmark(OperationsPerInvoke = Agents)]
    public void StepOneHour() => _simulation!.Step();

    /// <summary>Builds 10^6 agents; allocated bytes / 10^6 = bytes per agent (SoA arrays with 25% headroom).</summary>
    [Benchmark]
    public int CreateMillionAgents() => new MicroSimulation(Region(), MicroParameters.Default, 1, MaxDegreeOfParallelism).AgentCount;
}
