using Primage.Kernels.Micro;

namespace Primage.Kernels.Tests.Micro;

public sealed class MicroMemoryTests
{
    [Fact]
    public void MemoryPerAgent_MatchesTheStructureOfArraysLayout()
    {
        const int agents = 200_000;
        var input = new MicroRegionInput(1, 0.5, new NeuroblastomaGenetics(), HistologyGrade.NeuroblastomaUndifferentiated,
            CellCount: agents, AgentCap: agents, Hours: 0);
        // Bytes this thread allocated (exact, unlike the heap size, which other tests running in parallel change).
        var before = GC.GetAllocatedBytesForCurrentThread();
        var simulation = new MicroSimulation(input, MicroParameters.Default, 1);
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(simulation);

        // 18 bytes per agent in the SoA arrays, allocated with 25% headroom: 22.5 bytes per agent,
        // plus small fixed overhead (array headers, per-chunk counters).
        var perAgent = (after - before) / (double)agents;
        Assert.Equal(18, AgentStore.BytesPerAgent);
        Assert.InRange(perAgent, 22.0, 24.0);
    }
}
