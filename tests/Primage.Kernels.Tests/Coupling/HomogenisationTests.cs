using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Tests.Coupling;

public sealed class HomogenisationTests
{
    private static readonly MultiscaleConfig Config = new(1, new NeuroblastomaGenetics(), HistologyGrade.NeuroblastomaUndifferentiated, [], 1);

    private static MicroRegionOutput Output(double ratio, double nbAlive, double dO2 = -0.1, double dM = 0.01, double telomere = 40)
        => new(
            0.5, dO2, 0.1, dM,
            new CellularityFractions(nbAlive, 0, 0, 1 - nbAlive, 0, 0),
            1000, 1000, ratio, ratio, 0.1, 0.1,
            new MicroStatistics(telomere, 2, 0.1, 0.01, 0, 0, 0, 0));

    private static MicroRegionOutput Dead() => new(
        0.5, 0, 0.1, 0, new CellularityFractions(0, 0, 0, 0, 0, 0), 0, 0, -1, 0, 0, 0, new MicroStatistics(0, 0, 0, 0, 0, 0, 0, 0));

    private static (MultiscaleState State, WindowPlan Plan) Setup(int voxels)
    {
        var fields = new MacroFields(voxels, 1, 1, 2.0, Enumerable.Repeat(0.2, voxels).ToArray(), Enumerable.Repeat(0.5, voxels).ToArray(),
            new double[voxels], new double[voxels], new double[6 * voxels], Enumerable.Repeat(true, voxels).ToArray());
        var state = new MultiscaleState(0, fields, false, new double[voxels], new double[voxels], new double[voxels], new double[voxels], new bool[voxels], []);
        var plan = new WindowPlan(0, 0, 336, fields, Enumerable.Range(0, voxels).ToArray(),
            Enumerable.Range(0, voxels).Select(_ => (MicroRegionInput)null!).ToList(), new long[voxels]);
        return (state, plan);
    }

    [Fact]
    public void EachVoxel_TakesItsRegionsChanges()
    {
        var (state, plan) = Setup(3);
        var next = Homogenisation.Apply(Config, state, plan, [Output(1.0, 0.9), Output(2.0, 0.8), Output(10.0, 0.7)]);
        Assert.Equal([0.2, 0.4, 1.0], next.Fields.Density); // 0.2 * 10 is capped at capacity
        Assert.Equal(0.4, next.Fields.Oxygen[1], 12);
        Assert.Equal(0.01, next.Fields.Matrix[2], 12);
        Assert.Equal(0.8, next.Fields.Cellularity[6 * 1], 12);
        Assert.Equal(40, next.TelomereMean[0]);
        Assert.Equal([true, true, true], next.Sampled);
        Assert.True(next.HasPrevious);
        Assert.Equal(1, next.NextWindow);
        Assert.Equal((0.2 + 0.4 + 1.0) * 2.0, next.History[0].TumourVolumeMm3, 12);
        Assert.Equal(0, next.History[0].DeadRegions);
        Assert.Equal([0.2, 0.2, 0.2], plan.Fields.Density); // inputs unchanged
    }

    [Fact]
    public void DeadRegion_IsReplacedByTheMedianOfTheOthers()
    {
        var (state, plan) = Setup(4);
        var next = Homogenisation.Apply(Config, state, plan,
            [Output(1.0, 0.9, telomere: 30), Output(2.0, 0.8, telomere: 50), Output(4.0, 0.6, dO2: -0.3, telomere: 40), Dead()]);

        // Median of ratios {1, 2, 4} = 2; of NB alive {0.9, 0.8, 0.6} = 0.8 (SC alive {0.1, 0.2, 0.4} = 0.2, sum 1).
        Assert.Equal(0.4, next.Fields.Density[3], 12);
        Assert.Equal(0.8, next.Fields.Cellularity[6 * 3], 12);
        Assert.Equal(0.2, next.Fields.Cellularity[6 * 3 + 3], 12);
        Assert.Equal(0.4, next.Fields.Oxygen[3], 12);
        Assert.Equal(40, next.TelomereMean[3]);
        Assert.Equal(1, next.History[0].DeadRegions);
    }

    [Fact]
    public void EvenNumberOfSurvivors_UsesTheMeanOfTheMiddleTwo()
    {
        var median = Homogenisation.Median([Output(1.0, 0.9), Output(3.0, 0.7)]);
        Assert.Equal(2.0, median.VolumeRatio, 12);
        Assert.Equal(0.8, median.Cellularity.NbAlive, 12);
    }

    [Fact]
    public void AllRegionsDead_SendsTheirVoxelsToZero()
    {
        var (state, plan) = Setup(2);
        var next = Homogenisation.Apply(Config, state, plan, [Dead(), Dead()]);
        Assert.Equal([0.0, 0.0], next.Fields.Density);
        Assert.Equal(0, next.History[0].TumourVolumeMm3);
        Assert.Equal(2, next.History[0].DeadRegions);
    }

    [Fact]
    public void WrongNumberOfOutputs_IsRejected()
    {
        var (state, plan) = Setup(2);
        Assert.Throws<ArgumentException>(() => Homogenisation.Apply(Config, state, plan, [Dead()]));
    }
}
