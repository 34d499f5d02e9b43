using Primage.Kernels.Coupling;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Coupling;

public sealed class MultiscaleFlowTests(CoupledRunFixture run, ITestOutputHelper output) : IClassFixture<CoupledRunFixture>
{
    [Fact]
    public void CoupledCojecRun_CompletesEightWindows_WithVolumeTrajectoryAndCellularity()
    {
        var history = run.InProcess.History;
        Assert.Equal(8, history.Count);
        Assert.Equal(8, run.InProcess.NextWindow);
        var v0 = run.Initial.Fields.TumourVolumeMm3();
        output.WriteLine($"initial volume {v0:F2} mm^3");
        for (var w = 0; w < history.Count; w++)
        {
            var s = history[w];
            var c = s.Cellularity;
            output.WriteLine(
                $"window {w} [{s.StartHour}, {s.EndHour}) h: V {s.TumourVolumeMm3:F2} mm^3, cells {s.CellCount:E3}, O2 {s.Oxygen:F3}, " +
                $"matrix {s.MatrixFraction:F4}, NB {c.NbAlive:F3}/{c.NbApoptotic:F3}/{c.NbNecrotic:F3}, SC {c.ScAlive:F3}/{c.ScApoptotic:F3}/{c.ScNecrotic:F3}, " +
                $"regions {s.Regions} (dead {s.DeadRegions})");
            Assert.Equal(w, s.Window);
            Assert.Equal(336.0 * w, s.StartHour);
            Assert.Equal(336.0 * (w + 1), s.EndHour);
            Assert.True(double.IsFinite(s.TumourVolumeMm3) && s.TumourVolumeMm3 >= 0);
            Assert.InRange(s.Regions, 1, 4);
            if (s.TumourVolumeMm3 > 0)
            {
                Assert.Equal(1.0, c.Sum, 9);
                Assert.InRange(s.Oxygen, 0, 1);
            }
        }

        // The volume trajectory is not flat: the micro regions change the macro density.
        Assert.NotEqual(v0, history[0].TumourVolumeMm3);
    }

    [Fact]
    public void Cojec_LeavesFewerLivingNeuroblasts_ThanTheSameRunWithoutChemotherapy()
    {
        // Both runs fill the tissue ball by window 1 (the uncalibrated regions grow about fourfold per window
        // either way), so the volume cannot tell them apart; the cells inside can. Same seed: common random numbers.
        for (var w = 0; w < 8; w++)
        {
            var t = run.InProcess.History[w];
            var u = run.Untreated.History[w];
            double treatedNb = t.CellCount * t.Cellularity.NbAlive, untreatedNb = u.CellCount * u.Cellularity.NbAlive;
            output.WriteLine(
                $"window {w}: V {t.TumourVolumeMm3:F2} vs {u.TumourVolumeMm3:F2} mm^3, cells {t.CellCount:E4} vs {u.CellCount:E4}, " +
                $"NB alive {t.Cellularity.NbAlive:F4} vs {u.Cellularity.NbAlive:F4}, living NB cells {treatedNb:E4} vs {untreatedNb:E4}");
            Assert.True(treatedNb < untreatedNb, $"window {w}: {treatedNb:E4} living neuroblasts under COJEC, {untreatedNb:E4} without");
            Assert.True(t.Cellularity.NbAlive < u.Cellularity.NbAlive);
        }

        // After the eight courses (the last at 1680-1728 h) the treated tumour holds well under 3/4 of the untreated one's living neuroblasts.
        var end = run.InProcess.History[^1];
        var control = run.Untreated.History[^1];
        Assert.InRange(end.CellCount * end.Cellularity.NbAlive / (control.CellCount * control.Cellularity.NbAlive), 0, 0.75);
        Assert.True(end.CellCount < control.CellCount);
    }

    [Fact]
    public void StepByStepDispatch_GivesIdenticalResults_ToTheInProcessFlow()
    {
        // The dispatched run resumed from serialised state with a fresh flow object at every window boundary,
        // so this also shows that resuming after the last finished window repeats the uninterrupted run.
        output.WriteLine($"{run.Documents} step documents through StepRunner");
        Assert.Equal(8 * (1 + 4 + 1), run.Documents);
        Assert.Equal(
            Convert.ToHexString(MultiscaleFlow.SerialiseState(run.InProcess)),
            Convert.ToHexString(MultiscaleFlow.SerialiseState(run.Dispatched)));
    }
}
