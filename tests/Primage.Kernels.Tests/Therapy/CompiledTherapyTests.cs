using Primage.Kernels.Therapy;

namespace Primage.Kernels.Tests.Therapy;

public sealed class CompiledTherapyTests
{
    private static readonly TherapyPlan _plan = new(
        [new RadiotherapyCourse(120.0, 1.8, 12, 5, StartWeekday: 0)],
        [new ChemotherapyCourse("rapid-cojec", 0.0, 8, 10.0), new ChemotherapyCourse("busulfan-melphalan", 75.0, 1, 0.0)],
        [new SurgeryEvent(100.0, 0.9)]);

    [Fact]
    public void EventsAreOrderedWithEveryFractionCycleAndSurgery()
    {
        var compiled = CompiledTherapy.From(_plan);
        Assert.Equal(12 + 8 + 1 + 1, compiled.Events.Count);
        Assert.True(compiled.Events.Zip(compiled.Events.Skip(1)).All(p => p.First.Day <= p.Second.Day));
        Assert.Equal(
            [0, 10, 20, 30, 40, 50, 60, 70, 75],
            compiled.Events.Where(e => e.Kind == TherapyEventKind.ChemotherapyCycle).Select(e => e.Day));
        Assert.Equal(new TherapyEvent(100.0, TherapyEventKind.Surgery, 0.9), compiled.Events.Single(e => e.Kind == TherapyEventKind.Surgery));
        Assert.Equal(
            [120, 121, 122, 123, 124, 127, 128, 129, 130, 131, 134, 135],
            compiled.Events.Where(e => e.Kind == TherapyEventKind.RadiotherapyFraction).Select(e => e.Day));
        Assert.True(compiled.HasRadiotherapy);
    }

    [Fact]
    public void ExposureIntegralMatchesQuadrature()
    {
        var compiled = CompiledTherapy.From(_plan);
        // Composite Simpson on a 1/200-day grid inside each smooth piece (cycle starts are the kinks);
        // its error (h^4 lambda^4 / 180 relative) is below 1e-12, far under the 1e-9 asserted.
        double[] cuts = [0, 10, 20, 30, 40, 50, 60, 70, 75, 100, 140];
        for (var c = 0; c < compiled.ChemotherapyCourseCount; c++)
        {
            var numeric = 0.0;
            for (var k = 0; k + 1 < cuts.Length; k++)
            {
                numeric += Simpson(t => compiled.Exposure(c, t), cuts[k], cuts[k + 1], 200 * (int)(cuts[k + 1] - cuts[k]));
            }

            Assert.Equal(numeric, compiled.ExposureIntegral(c, 0.0, 140.0), 1e-9);
        }

        // One isolated cycle contributes 1/lambda in total: rapid COJEC's 8 cycles give 8/0.35 minus the tails.
        var expected = Enumerable.Range(0, 8).Sum(i => (1.0 - Math.Exp(-0.35 * (140.0 - (10.0 * i)))) / 0.35);
        Assert.Equal(expected, compiled.ExposureIntegral(0, 0.0, 140.0), 1e-12);
    }

    [Fact]
    public void KillRateIsTheRegimenWeightedExposureAndJumpsAtEachCycle()
    {
        var compiled = CompiledTherapy.From(_plan);
        var cojec = RegimenCatalogue.Get("rapid-cojec");
        var busulfan = RegimenCatalogue.Get("busulfan-melphalan");
        foreach (var t in new[] { -1.0, 0.0, 4.2, 10.0, 74.9, 75.0, 80.5, 300.0 })
        {
            var expected = (cojec.KillRatePerDay * compiled.Exposure(0, t)) + (busulfan.KillRatePerDay * compiled.Exposure(1, t));
            Assert.Equal(expected, compiled.KillRate(t), 1e-14);
        }

        Assert.Equal(0.0, compiled.KillRate(-1.0));
        Assert.Equal(cojec.KillRatePerDay, compiled.KillRate(0.0), 1e-15);
        Assert.Equal(cojec.KillRatePerDay * (1 + Math.Exp(-3.5)), compiled.KillRate(10.0), 1e-15);
    }

    [Fact]
    public void CatalogueHasRapidCojecAndUnknownRegimensNameThemselves()
    {
        var rapid = RegimenCatalogue.Get("rapid-cojec");
        Assert.Equal(8, rapid.StandardCycles);
        Assert.Equal(10.0, rapid.StandardIntervalDays);
        Assert.All(RegimenCatalogue.All, r => Assert.True(r.KillRatePerDay > 0 && r.ExposureDecayPerDay > 0 && r.Rationale.Length > 20));
        foreach (var name in new[] { "cojec", "temozolomide", "vincristine-carboplatin", "busulfan-melphalan" })
        {
            Assert.Equal(name, RegimenCatalogue.Get(name).Name);
        }

        var error = Assert.Throws<ArgumentException>(() => CompiledTherapy.From(
            new TherapyPlan([], [new ChemotherapyCourse("super-cojec", 0, 2, 10)], [])));
        Assert.Contains("super-cojec", error.Message);
    }

    [Fact]
    public void InvalidSurgeryFractionIsRejected()
        => Assert.Throws<ArgumentException>(() => CompiledTherapy.From(new TherapyPlan([], [], [new SurgeryEvent(3, 1.5)])));

    private static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        var h = (b - a) / n;
        var sum = f(a) + f(b);
        for (var i = 1; i < n; i++)
        {
            sum += f(a + (i * h)) * (i % 2 == 1 ? 4 : 2);
        }

        // Evaluate the right end from the left so a kink at b (a new cycle) is not picked up.
        sum -= f(b);
        sum += LeftLimit(f, b);
        return sum * h / 3;
    }

    private static double LeftLimit(Func<double, double> f, double b) => f(Math.BitDecrement(b));
}
