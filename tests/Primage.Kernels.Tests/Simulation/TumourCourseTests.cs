using Primage.Kernels.Growth;
using Primage.Kernels.Ode;
using Primage.Kernels.Simulation;
using Primage.Kernels.Therapy;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Simulation;

public sealed class TumourCourseTests(ITestOutputHelper output)
{
    private static readonly TherapyResponse _glioma = new(0.04, 10.0, 1.0);

    private static readonly TherapyPlan _fullPlan = new(
        [new RadiotherapyCourse(150.0, 1.8, 12, 5, StartWeekday: 3)],
        [new ChemotherapyCourse("rapid-cojec", 3.0, 8, 10.0), new ChemotherapyCourse("busulfan-melphalan", 110.0, 1, 0.0)],
        [new SurgeryEvent(95.0, 0.6)]);

    private static readonly double[] _weekly = Enumerable.Range(0, 105).Select(w => 7.0 * w).ToArray();

    [Fact]
    public void RadiotherapyWithoutGrowthLeavesTheLqSurvivingFraction()
    {
        var plan = new TherapyPlan([new RadiotherapyCourse(0.0, 1.8, 30, 5)], [], []);
        var volumes = new double[2];
        TumourCourse.Simulate(GrowthModels.Get("exponential"), [0.0], _glioma, CompiledTherapy.From(plan), 20.0, [0.0, 60.0], volumes);
        Assert.Equal(20.0, volumes[0]);
        Assert.Equal(0.0782, volumes[1] / volumes[0], 4);
        Assert.Equal(LinearQuadratic.SurvivingFraction(1.8, 0.04, 10.0, 30), volumes[1] / volumes[0], 1e-13);
    }

    [Fact]
    public void OutputsOnAFractionDaySeeTheVolumeBeforeThatDaysFraction()
    {
        var plan = new TherapyPlan([new RadiotherapyCourse(0.0, 2.0, 5, 5)], [], []);
        var volumes = new double[3];
        TumourCourse.Simulate(GrowthModels.Get("exponential"), [0.0], _glioma, CompiledTherapy.From(plan), 1.0, [0.0, 2.0, 2.5], volumes);
        var perFraction = LinearQuadratic.SurvivingFraction(2.0, 0.04, 10.0);
        Assert.Equal(1.0, volumes[0]);
        Assert.Equal(perFraction * perFraction, volumes[1], 1e-15);
        Assert.Equal(perFraction * perFraction * perFraction, volumes[2], 1e-15);
    }

    [Fact]
    public void SurgeryHalvesExactlyAndCompleteResectionEradicates()
    {
        var half = CompiledTherapy.From(new TherapyPlan([], [], [new SurgeryEvent(10.0, 0.5)]));
        var volumes = new double[2];
        TumourCourse.Simulate(GrowthModels.Get("exponential"), [0.0], _glioma, half, 8.0, [10.0, 10.5], volumes);
        Assert.Equal([8.0, 4.0], volumes);

        var gompertz = GrowthModels.Get("gompertz");
        var complete = CompiledTherapy.From(new TherapyPlan([], [new ChemotherapyCourse("cojec", 0, 3, 21)], [new SurgeryEvent(30.0, 1.0)]));
        var after = new double[3];
        TumourCourse.Simulate(gompertz, [0.3, 0.05], _glioma, complete, 8.0, [29.0, 31.0, 400.0], after);
        Assert.True(after[0] > 0.0);
        Assert.Equal([0.0, 0.0], after[1..]);
    }

    [Fact]
    public void ExponentialGrowthUnderFullTherapyMatchesItsAnalyticSolution()
    {
        // ln V(T) = ln V0 + a T - S * integral_0^T kappa + sum ln(1 - f_surgery) + sum ln S_fraction (events before T).
        const double A = 0.02;
        const double V0 = 30.0;
        var response = new TherapyResponse(0.1, 8.0, 1.7);
        var compiled = CompiledTherapy.From(_fullPlan);
        var worst = RunBothPaths(GrowthModels.Get("exponential"), [A], response, compiled, V0, (t) =>
        {
            var log = Math.Log(V0) + (A * t) - (response.ChemoSensitivity * compiled.KillIntegral(0.0, t));
            foreach (var e in compiled.Events.Where(e => e.Day < t))
            {
                log += e.Kind switch
                {
                    TherapyEventKind.Surgery => Math.Log(1.0 - e.Value),
                    TherapyEventKind.RadiotherapyFraction => Math.Log(LinearQuadratic.SurvivingFraction(e.Value, 0.1, 8.0)),
                    _ => 0.0,
                };
            }

            return Math.Exp(log);
        });
        output.WriteLine($"exponential + therapy: max relative error {worst:E3}");
    }

    [Fact]
    public void GompertzUnderChemotherapyMatchesItsAnalyticSolution()
    {
        // u = ln V obeys the linear ODE u' = alpha - beta u - S kappa(t), so with one course of cycles s_i
        // u(t) = u0 e^(-beta t) + alpha (1 - e^(-beta t)) / beta
        //        - S k sum_(s_i < t) (e^(-lambda (t - s_i)) - e^(-beta (t - s_i))) / (beta - lambda).
        const double Alpha = 0.3;
        const double Beta = 0.04;
        const double V0 = 12.0;
        var regimen = RegimenCatalogue.Get("rapid-cojec");
        var plan = new TherapyPlan([], [new ChemotherapyCourse("rapid-cojec", 5.0, 8, 10.0)], []);
        var response = new TherapyResponse(0.0, 10.0, 2.5);
        var worst = RunBothPaths(GrowthModels.Get("gompertz"), [Alpha, Beta], response, CompiledTherapy.From(plan), V0, t =>
        {
            var u = (Math.Log(V0) * Math.Exp(-Beta * t)) + (Alpha * (1.0 - Math.Exp(-Beta * t)) / Beta);
            for (var i = 0; i < 8; i++)
            {
                var s = 5.0 + (10.0 * i);
                if (s < t)
                {
                    var lambda = regimen.ExposureDecayPerDay;
                    u -= response.ChemoSensitivity * regimen.KillRatePerDay
                        * (Math.Exp(-lambda * (t - s)) - Math.Exp(-Beta * (t - s))) / (Beta - lambda);
                }
            }

            return Math.Exp(u);
        });
        output.WriteLine($"gompertz + rapid COJEC: max relative error {worst:E3}");
    }

    [Theory]
    [InlineData("exponential", new[] { 0.01 })]
    [InlineData("logistic", new[] { 0.05, 500.0 })]
    [InlineData("gompertz", new[] { 0.35, 0.05 })]
    [InlineData("power-law", new[] { 0.3, 0.75 })]
    [InlineData("von-bertalanffy", new[] { 0.5, 0.05 })]
    [InlineData("exponential-linear", new[] { 0.05, 2.0 })]
    public void ClosedFormShortcutAgreesWithTheOdePath(string name, double[] parameters)
    {
        var model = GrowthModels.Get(name);
        var compiled = CompiledTherapy.From(_fullPlan);
        var fast = new double[_weekly.Length];
        var ode = new double[_weekly.Length];
        TumourCourse.Simulate(model, parameters, _glioma, compiled, 5.0, _weekly, fast);
        TumourCourse.Simulate(model, parameters, _glioma, compiled, 5.0, _weekly, ode, TumourCourse.DefaultOptions, useClosedForms: false);
        var worst = fast.Zip(ode, (a, b) => Math.Abs(a - b) / b).Max();
        output.WriteLine($"{name}: closed-form vs ODE path max relative difference {worst:E3}");
        Assert.True(worst < 1e-8, $"{name}: {worst:E3}");
    }

    [Fact]
    public void ChemotherapyGivenBeforeDayZeroStillActsThroughItsExposureTail()
    {
        var plan = new TherapyPlan([], [new ChemotherapyCourse("cojec", -5.0, 1, 21.0)], [new SurgeryEvent(-2.0, 0.5)]);
        var regimen = RegimenCatalogue.Get("cojec");
        var volumes = new double[2];
        TumourCourse.Simulate(GrowthModels.Get("exponential"), [0.0], _glioma, CompiledTherapy.From(plan), 10.0, [0.0, 10.0], volumes);
        // The surgery at day -2 is history (already in v0); the exposure tail from day -5 is not.
        var expected = 10.0 * Math.Exp(-regimen.KillRatePerDay * (Math.Exp(-0.35 * 5) - Math.Exp(-0.35 * 15)) / 0.35);
        Assert.Equal(10.0, volumes[0]);
        Assert.Equal(expected, volumes[1], 1e-8);
    }

    [Fact]
    public void SimulateAllocatesNothingPerCall()
    {
        var compiled = CompiledTherapy.From(_fullPlan);
        var model = GrowthModels.Get("gompertz");
        double[] parameters = [0.35, 0.05];
        var volumes = new double[_weekly.Length];
        TumourCourse.Simulate(model, parameters, _glioma, compiled, 5.0, _weekly, volumes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            TumourCourse.Simulate(model, parameters, _glioma with { ChemoSensitivity = 0.1 * i }, compiled, 5.0, _weekly, volumes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void OneCompiledPlanServesParallelSimulationsIdentically()
    {
        var compiled = CompiledTherapy.From(_fullPlan);
        var model = GrowthModels.Get("gompertz");
        var sequential = new double[64][];
        for (var i = 0; i < sequential.Length; i++)
        {
            sequential[i] = new double[_weekly.Length];
            TumourCourse.Simulate(model, [0.2 + (0.003 * i), 0.04], _glioma, compiled, 5.0, _weekly, sequential[i]);
        }

        Parallel.For(0, sequential.Length, i =>
        {
            var volumes = new double[_weekly.Length];
            TumourCourse.Simulate(model, [0.2 + (0.003 * i), 0.04], _glioma, compiled, 5.0, _weekly, volumes);
            Assert.Equal(sequential[i], volumes);
        });
    }

    [Fact]
    public void MisuseIsRejected()
    {
        var model = GrowthModels.Get("gompertz");
        var volumes = new double[2];
        Assert.Throws<ArgumentException>(() => TumourCourse.Simulate(model, [0.3], _glioma, CompiledTherapy.None, 1.0, [0.0, 1.0], volumes));
        Assert.Throws<ArgumentException>(() => TumourCourse.Simulate(model, [0.3, 0.04], _glioma, CompiledTherapy.None, 1.0, [2.0, 1.0], volumes));
        Assert.Throws<ArgumentOutOfRangeException>(() => TumourCourse.Simulate(model, [0.3, 0.04], _glioma, CompiledTherapy.None, -1.0, [0.0, 1.0], volumes));
    }

    private static double RunBothPaths(
        IGrowthModel model, double[] parameters, TherapyResponse response, CompiledTherapy compiled, double v0, Func<double, double> exact)
    {
        // Days chosen on and off event days (left-continuous outputs) across chemotherapy, surgery and radiotherapy.
        double[] days = [0.0, 3.0, 3.5, 17.2, 44.0, 73.0, 95.0, 95.0001, 110.0, 140.0, 152.0, 160.5, 200.0, 400.0, 730.0];
        var worst = 0.0;
        foreach (var closed in new[] { true, false })
        {
            var volumes = new double[days.Length];
            TumourCourse.Simulate(model, parameters, response, compiled, v0, days, volumes, TumourCourse.DefaultOptions, closed);
            for (var i = 0; i < days.Length; i++)
            {
                var reference = exact(days[i]);
                var error = Math.Abs(volumes[i] - reference) / reference;
                worst = Math.Max(worst, error);
                Assert.True(error < 1e-8, $"day {days[i]} (closed forms {closed}): {volumes[i]} vs {reference}");
            }
        }

        return worst;
    }
}
