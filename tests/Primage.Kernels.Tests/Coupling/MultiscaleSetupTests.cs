using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Tests.Coupling;

public sealed class MultiscaleSetupTests
{
    [Theory]
    [InlineData(50.0, 0.7)]
    [InlineData(123.4, null)]
    [InlineData(0.8, 1.0)]
    public void Sphere_HoldsTheObservedVolume_AtTheObservedCellularity(double volumeMl, double? cellularity)
    {
        var f = MultiscaleSetup.Sphere(volumeMl, cellularity);
        var c = cellularity ?? MultiscaleSetup.DefaultCellularity;
        Assert.Equal(10, f.Nx);
        Assert.Equal(1000, f.VoxelCount);
        Assert.Equal(volumeMl * 1000, f.TumourVolumeMm3(), volumeMl * 1e-9);
        Assert.Equal(c, f.Density.Max(), 12);

        // Partial volume: sum(share) is the sphere of radius 2.5 voxels, 4/3 pi 2.5^3 = 65.45, to within the sub-sampling error.
        var covered = f.Density.Sum() / c;
        Assert.InRange(covered, 65.45 * 0.97, 65.45 * 1.03);
        Assert.Equal(volumeMl * 1000 / (c * covered), f.VoxelVolumeMm3, 1e-6 * f.VoxelVolumeMm3);

        // Every tumour voxel lies in tissue; tissue is the inscribed ball (voxel centres within 5 voxels of the centre).
        var tissue = 0;
        for (var z = 0; z < 10; z++)
        {
            for (var y = 0; y < 10; y++)
            {
                for (var x = 0; x < 10; x++)
                {
                    var v = f.Index(x, y, z);
                    var r = Math.Sqrt(Math.Pow(x + 0.5 - 5, 2) + Math.Pow(y + 0.5 - 5, 2) + Math.Pow(z + 0.5 - 5, 2));
                    Assert.Equal(r <= 5, f.Tissue[v]);
                    Assert.True(f.Density[v] == 0 || f.Tissue[v]);
                    tissue += f.Tissue[v] ? 1 : 0;
                }
            }
        }

        Assert.InRange(tissue / covered, 7, 9); // room for about eightfold growth at full density
    }

    [Fact]
    public void Sphere_ClampsAVeryLowCellularity_SoTheTumourStaysAboveTheParticularisationThreshold()
    {
        var f = MultiscaleSetup.Sphere(10, 0.001);
        Assert.Equal(MultiscaleSetup.MinCellularity, f.Density.Max(), 12);
        Assert.Equal(10_000, f.TumourVolumeMm3(), 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiscaleSetup.Sphere(0, null));
    }

    [Theory]
    [InlineData(true, "amplified", true, AlkStatus.Amplified)]
    [InlineData(false, "mutated", false, AlkStatus.Mutated)]
    [InlineData(null, "wild-type", false, AlkStatus.WildType)]
    [InlineData(null, null, false, AlkStatus.WildType)]
    public void Genetics_FromMarkers_UnknownMeansNotAltered(bool? mycn, string? alk, bool expectedMycn, AlkStatus expectedAlk)
    {
        Assert.Equal(new NeuroblastomaGenetics(expectedMycn, expectedAlk, TertRearranged: false, AtrxAltered: false), MultiscaleSetup.Genetics(mycn, alk));
    }

    [Theory]
    [InlineData("neuroblastoma", "undifferentiated", HistologyGrade.NeuroblastomaUndifferentiated)]
    [InlineData("neuroblastoma", "poorly-differentiated", HistologyGrade.NeuroblastomaPoorlyDifferentiated)]
    [InlineData("neuroblastoma", "differentiating", HistologyGrade.NeuroblastomaDifferentiating)]
    [InlineData("neuroblastoma", null, HistologyGrade.NeuroblastomaPoorlyDifferentiated)]
    [InlineData(null, null, HistologyGrade.NeuroblastomaPoorlyDifferentiated)]
    [InlineData("ganglioneuroblastoma-nodular", null, HistologyGrade.GanglioneuroblastomaNodular)]
    [InlineData("ganglioneuroblastoma", null, HistologyGrade.GanglioneuroblastomaIntermixed)]
    [InlineData("ganglioneuroblastoma-intermixed", null, HistologyGrade.GanglioneuroblastomaIntermixed)]
    [InlineData("ganglioneuroma", null, HistologyGrade.GanglioneuromaMaturing)]
    [InlineData("ganglioneuroma-maturing", null, HistologyGrade.GanglioneuromaMaturing)]
    [InlineData("ganglioneuroma-mature", null, HistologyGrade.GanglioneuromaMature)]
    public void Histology_FromTheTwinsVocabulary(string? histology, string? grade, HistologyGrade expected)
        => Assert.Equal(expected, MultiscaleSetup.Histology(histology, grade));

    [Fact]
    public void RapidCojec_FromTheCatalogue_IsTheCojecScheduleShiftedToTheRunStart()
    {
        // Started two days before the run's observation: the first course straddles hour 0.
        Assert.Equal(ChemoSchedules.RapidCojec(-48), ChemoSchedules.ForRegimen("rapid-cojec", -48, 8, 10));
        var cojec = ChemoSchedules.ForRegimen("cojec", 24, 3, 21);
        Assert.Equal([24.0, 24.0 + 504, 24.0 + 1008], cojec.Select(w => w.StartHour));
        Assert.All(cojec, w => Assert.Equal((48.0, 0.6, 0.3), (w.EndHour - w.StartHour, w.Chk1, w.Hif)));

        // Another regimen: the COJEC inhibitions scaled by its per-course log-kill relative to rapid COJEC.
        var vc = ChemoSchedules.ForRegimen("vincristine-carboplatin", 0, 1, 21)[0];
        Assert.Equal(0.6 * (0.07 / 0.35) / (0.15 / 0.35), vc.Chk1, 12);
        Assert.Equal(1.0, ChemoSchedules.ForRegimen("busulfan-melphalan", 0, 1, 0)[0].Mycn);
        Assert.Throws<ArgumentException>(() => ChemoSchedules.ForRegimen("unknown", 0, 1, 1));
    }

    [Fact]
    public void Build_CarriesThePatientIntoConfigAndInitialState()
    {
        var patient = new MultiscalePatient(
            40, 0.5, new NeuroblastomaGenetics(MycnAmplified: true), HistologyGrade.NeuroblastomaPoorlyDifferentiated,
            [new ChemoCourse("rapid-cojec", 0, 8, 10)]);
        var start = MultiscaleSetup.Build(patient, windows: 8, regions: 4, agentCapPerRegion: 2000, seed: 5);
        Assert.Equal((8, 4, 2000, 5L, 336), (start.Config.Windows, start.Config.Regions, start.Config.AgentCapPerRegion, start.Config.Seed, start.Config.WindowHours));
        Assert.Equal(ChemoSchedules.RapidCojec(), start.Config.ChemoWindows);
        Assert.Equal(patient.Genetics, start.Config.Genetics);
        Assert.Equal(new MacroWindowSettings(), start.Macro);
        Assert.Equal(0, start.Initial.NextWindow);
        Assert.Equal(40_000, start.Initial.Fields.TumourVolumeMm3(), 1e-6);

        // Tumour voxels start from the histology's Schwann-cell share (0.24 for poorly differentiated), all alive.
        var v = start.Initial.Fields.Index(5, 5, 5);
        Assert.Equal(1 - 0.24, start.Initial.Fields.Cellularity[6 * v], 12);
        Assert.Equal(0.24, start.Initial.Fields.Cellularity[6 * v + 3], 12);
    }
}
