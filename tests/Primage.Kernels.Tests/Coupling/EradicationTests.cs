using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Tests.Coupling;

public sealed class EradicationTests
{
    [Fact]
    public void AnoxicTumour_AllRegionsDie_VoxelsGoToZero_AndLaterWindowsHaveNoRegions()
    {
        var config = new MultiscaleConfig(
            Windows: 2, Genetics: new NeuroblastomaGenetics(), Histology: HistologyGrade.NeuroblastomaUndifferentiated,
            ChemoWindows: [], Seed: 4, Regions: 2, AgentCapPerRegion: 200);

        // No vascular oxygen: every region is anoxic and dies out within the first window.
        var flow = new MultiscaleFlow(config, new TransportMacroWindowModel(vesselOxygen: 0.0));
        var final = InProcessMultiscaleRunner.Run(flow, flow.Initialise(CoupledRunFixture.InitialFields()));

        Assert.Equal(2, final.History.Count);
        Assert.Equal(final.History[0].Regions, final.History[0].DeadRegions);
        Assert.Equal(0, final.History[0].TumourVolumeMm3);
        Assert.Equal(0, final.History[1].Regions);
        Assert.Equal(0, final.History[1].TumourVolumeMm3);
        Assert.All(final.Fields.Density, u => Assert.Equal(0, u));
    }

    [Fact]
    public void InvalidConfig_IsRejected()
    {
        var config = new MultiscaleConfig(1, new NeuroblastomaGenetics(), HistologyGrade.NeuroblastomaUndifferentiated, [], 1, Regions: 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiscaleFlow(config, new TransportMacroWindowModel()));
    }
}
