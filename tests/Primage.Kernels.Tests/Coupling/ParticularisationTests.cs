using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Tests.Coupling;

public sealed class ParticularisationTests
{
    [Fact]
    public void KMeans_SeparatesWellSeparatedGroups_AndIsDeterministic()
    {
        var points = new List<double[]>();
        for (var i = 0; i < 30; i++)
        {
            points.Add([0.1 + 0.001 * i, 0.1]);
            points.Add([0.9, 0.9 - 0.001 * i]);
        }

        var (a, k) = KMeans.Cluster(points.ToArray(), 2, 5, 50);
        var (b, _) = KMeans.Cluster(points.ToArray(), 2, 5, 50);
        Assert.Equal(2, k);
        Assert.Equal(a, b);
        for (var i = 0; i < points.Count; i += 2)
        {
            Assert.Equal(a[0], a[i]);
            Assert.Equal(a[1], a[i + 1]);
        }

        Assert.NotEqual(a[0], a[1]);
    }

    [Fact]
    public void KMeans_UsesNoMoreClustersThanDistinctPoints()
    {
        double[][] points = [[0.5, 0.5], [0.5, 0.5], [0.2, 0.2]];
        var (_, k) = KMeans.Cluster(points, 4, 1, 50);
        Assert.Equal(2, k);
    }

    [Fact]
    public void Plan_BuildsAtMostKRegions_WithChemoWindowsShiftedAndScaledByExposure()
    {
        var config = new MultiscaleConfig(
            2, new NeuroblastomaGenetics(), HistologyGrade.NeuroblastomaUndifferentiated,
            [new ChemoWindow(400, 448, Chk1: 0.5, Mycn: 1.0), new ChemoWindow(100, 120, Chk1: 1.0), new ChemoWindow(660, 700, Jab1: 1.0)],
            Seed: 3, Regions: 4);
        var fields = CoupledRunFixture.InitialFields();
        Array.Fill(fields.DrugExposure, 0.5);
        var flow = new MultiscaleFlow(config, new TransportMacroWindowModel());
        var state = flow.Initialise(fields) with { NextWindow = 1 };
        var plan = Particularisation.Plan(config, state, state.Fields);

        Assert.InRange(plan.Regions.Count, 1, 4);
        Assert.Equal(336, plan.StartHour);
        Assert.All(plan.Assignment, a => Assert.InRange(a, -1, plan.Regions.Count - 1));
        var region = plan.Regions[0];
        Assert.Equal(2, region.ChemoWindows!.Count);
        Assert.Equal(new ChemoWindow(64, 112, Chk1: 0.25, Mycn: 0.5), region.ChemoWindows[0]);
        Assert.Equal(new ChemoWindow(324, 336, Jab1: 0.5), region.ChemoWindows[1]); // clipped at the window end

        // Every tumour voxel (u >= threshold) belongs to a region, every other voxel to none.
        for (var v = 0; v < fields.VoxelCount; v++)
        {
            Assert.Equal(fields.Density[v] >= config.DensityThreshold, plan.Assignment[v] >= 0);
        }

        // The region's histology-derived cellularity: Schwann fraction 0.11 for undifferentiated NB.
        Assert.Equal(0.11, region.Cellularity!.ScAlive, 12);
    }

    [Fact]
    public void PreviousStatistics_ComeOnlyFromSampledVoxels()
    {
        var config = new MultiscaleConfig(2, new NeuroblastomaGenetics(), HistologyGrade.NeuroblastomaUndifferentiated, [], 1, Regions: 1);
        var fields = new MacroFields(2, 1, 1, 1.0, [0.5, 0.5], [0.5, 0.5], [1, 1], [0, 0],
            [0.9, 0, 0, 0.1, 0, 0, 0.9, 0, 0, 0.1, 0, 0], [true, true]);

        // Voxel 1 was reached by spreading after the last window: it holds no statistics.
        var state = new MultiscaleState(1, fields, true, [40, 0], [3, 0], [0.2, 0], [0.05, 0], [true, false], []);
        var region = Assert.Single(Particularisation.Plan(config, state, fields).Regions);
        Assert.Equal(new MicroStatistics(40, 3, 0.2, 0.05, 0, 0, 0, 0), region.Previous);

        var fresh = state with { Sampled = [false, false] };
        Assert.Null(Assert.Single(Particularisation.Plan(config, fresh, fields).Regions).Previous);
    }
}
