using System.Text.Json;
using Primage.Kernels.Micro;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Micro;

public sealed class MicroReproducibilityTests(ITestOutputHelper output)
{
    // 20,000 agents span three parallel chunks of 8,192, so thread scheduling could show if it mattered.
    private static MicroRegionInput Region(int hours) => new(
        VolumeMm3: 1.0,
        Oxygen: 0.5,
        Genetics: new NeuroblastomaGenetics(MycnAmplified: true, Alk: AlkStatus.Mutated),
        Histology: HistologyGrade.NeuroblastomaPoorlyDifferentiated,
        CellCount: 20_000,
        AgentCap: 20_000,
        ChemoWindows: [new ChemoWindow(10, 30, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1)],
        Hours: hours);

    private static string Json(MicroRegionOutput o) => JsonSerializer.Serialize(o, MicroJson.Options);

    [Fact]
    public void SameSeed_GivesIdenticalOutput_ForAnyDegreeOfParallelism()
    {
        var serial = Json(MicroModel.Run(Region(24), MicroParameters.Default, 77, maxDegreeOfParallelism: 1));
        var parallel = Json(MicroModel.Run(Region(24), MicroParameters.Default, 77, maxDegreeOfParallelism: -1));
        var three = Json(MicroModel.Run(Region(24), MicroParameters.Default, 77, maxDegreeOfParallelism: 3));
        Assert.Equal(serial, parallel);
        Assert.Equal(serial, three);
    }

    [Fact]
    public void DifferentSeeds_GiveASpread_ReportedAsMeanAndSd()
    {
        const int seeds = 20;
        var counts = new double[seeds];
        for (var s = 0; s < seeds; s++)
        {
            var input = Region(168) with { CellCount = 1000, AgentCap = 1000 };
            counts[s] = MicroModel.Run(input, MicroParameters.Default, s).CellCount;
        }

        var mean = counts.Average();
        var sd = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / (seeds - 1));
        output.WriteLine($"final cell count over {seeds} seeds (1,000 cells, 168 h): mean {mean:F1}, SD {sd:F1}, CV {sd / mean:P2}");
        Assert.Equal(seeds, counts.Distinct().Count());

        // A branching process of 1,000 cells: the relative spread is of order 1/sqrt(1000) ~ 3%, well above 0.1% and below 20%.
        Assert.InRange(sd / mean, 0.001, 0.2);
    }

    [Fact]
    public void CounterRandom_IsUniformAndIndependentOfCallOrder()
    {
        const int n = 100_000;
        double sum = 0, sum2 = 0;
        for (var i = 0; i < n; i++)
        {
            var u = CounterRandom.Uniform(CounterRandom.Key(1, i, 3), 5);
            sum += u;
            sum2 += u * u;
        }

        // Mean 1/2 with SE sqrt(1/12 / n) ~ 0.0009; variance 1/12.
        Assert.InRange(sum / n, 0.5 - 0.004, 0.5 + 0.004);
        Assert.InRange(sum2 / n - (sum / n) * (sum / n), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
        Assert.Equal(CounterRandom.Uniform(CounterRandom.Key(1, 2, 3), 4), CounterRandom.Uniform(CounterRandom.Key(1, 2, 3), 4));
        Assert.NotEqual(CounterRandom.Uniform(CounterRandom.Key(1, 2, 3), 4), CounterRandom.Uniform(CounterRandom.Key(2, 2, 3), 4));
    }
}
