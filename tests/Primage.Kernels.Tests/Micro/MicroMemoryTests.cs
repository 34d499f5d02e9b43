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
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var simulation = new MicroSimulation(input, MicroParameters.Default, 1);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(simulation);

        // 18 bytes per agent in the SoA arrays, allocated with 25% headroom: 22.5 bytes per agent,
        // plus small fixed overhead (array headers, per-chunk counters). Other threads may allocate a little.
        var perAgent = (after - before) / (double)agents;
        Assert.Equal(18, AgentStore.BytesPerAgent);
        Assert.InRange(perAgent, 22.0, 24.0);
    }
}
