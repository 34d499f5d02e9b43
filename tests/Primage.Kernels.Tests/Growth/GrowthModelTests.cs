using Primage.Kernels.Growth;
using Primage.Kernels.Ode;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Growth;

public sealed class GrowthModelTests(ITestOutputHelper output)
{
    /// <summary>Plausible parameters and a start volume per model; each case crosses its law's interesting regime within 730 days.</summary>
    public static TheoryData<string, double[], double> Cases => new()
    {
        { "exponential", [0.01], 5.0 },
        { "logistic", [0.05, 500.0], 10.0 },
        { "gompertz", [0.35, 0.05], 5.0 },
        { "power-law", [0.3, 0.75], 5.0 },
        { "von-bertalanffy", [0.5, 0.05], 5.0 },
        { "exponential-linear", [0.05, 2.0], 5.0 },
    };

    [Fact]
    public void CatalogueListsTheSixLawsByStableName()
    {
        Assert.Equal(
            ["exponential", "logistic", "gompertz", "power-law", "von-bertalanffy", "exponential-linear"],
            GrowthModels.All.Select(m => m.Name));
        Assert.Same(GrowthModels.All[2], GrowthModels.Get("gompertz"));
        var error = Assert.Throws<KeyNotFoundException>(() => GrowthModels.Get("gompertzz"));
        Assert.Contains("gompertzz", error.Message);
    }

    [Fact]
    public void EveryParameterHasAUnitAndPositiveOrderedBounds()
    {
        foreach (var model in GrowthModels.All)
        {
            Assert.Equal(model.Name == "exponential" ? 1 : 2, model.Parameters.Count);
            foreach (var p in model.Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Unit));
                Assert.True(p.Lower > 0 && p.Lower < p.Upper, $"{model.Name}.{p.Name} bounds");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AdaptiveSolverMatchesClosedFormOverTwoYears(string name, double[] parameters, double v0)
    {
        var model = GrowthModels.Get(name);
        var ode = new GrowthOde(model, parameters);
        var days = Enumerable.Range(1, 73).Select(i => 10.0 * i).ToArray();
        var solved = new double[days.Length];
        // Tight tolerances: the local error target 1e-13 relative leaves the accumulated global error
        // several orders below the 1e-8 the closed form must be matched to.
        var options = new OdeOptions { AbsoluteTolerance = 1e-14, RelativeTolerance = 1e-13 };
        var result = DormandPrince5.Integrate(ref ode, 0.0, v0, days, solved, options);
        Assert.True(result.Succeeded, result.ToString());
        var worst = 0.0;
        for (var i = 0; i < days.Length; i++)
        {
            var exact = model.Evaluate(v0, days[i], parameters);
            worst = Math.Max(worst, Math.Abs(solved[i] - exact) / exact);
        }

        output.WriteLine($"{name}: max relative error {worst:E3} in {result.AcceptedSteps} steps");
        Assert.True(worst < 1e-8, $"{name}: max relative error {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClosedFormSolvesTheRateEquation(string name, double[] parameters, double v0)
    {
        // Central difference of V(t) against f(V(t)), away from the exponential-linear switch.
        var model = GrowthModels.Get(name);
        foreach (var t in new[] { 3.0, 100.0, 400.0 })
        {
            const double H = 1e-3;
            var derivative = (model.Evaluate(v0, t + H, parameters) - model.Evaluate(v0, t - H, parameters)) / (2 * H);
            var volume = model.Evaluate(v0, t, parameters);
            var rate = model.Rate(volume, parameters);
            // Near a plateau the rate is tiny and the difference quotient is limited by round-off in V
            // (about 1e-16 V / H), hence the volume-scaled floor.
            Assert.True(Math.Abs(derivative - rate) <= (1e-6 * Math.Abs(rate)) + (1e-9 * volume), $"{name} at {t}: {derivative} vs {rate}");
        }
    }

    [Fact]
    public void GompertzIsIndependentOfTheStartingVolumeAndPlateausAtExpAlphaOverBeta()
    {
        var gompertz = GrowthModels.Get("gompertz");
        double[] p = [0.35, 0.05];
        // Restarting from V(100) must continue the same trajectory (the V0-dependent textbook form would not).
        var v100 = gompertz.Evaluate(2.0, 100.0, p);
        Assert.Equal(gompertz.Evaluate(2.0, 250.0, p), gompertz.Evaluate(v100, 150.0, p), 1e-9);
        Assert.Equal(Math.Exp(7.0), gompertz.Evaluate(2.0, 5000.0, p), 1e-6);
        Assert.Equal(0.0, gompertz.Rate(Math.Exp(7.0), p), 1e-9);
    }

    [Fact]
    public void GompertzEqualsTheTextbookFormWithItsV0DependentRate()
    {
        // Textbook: dV/dt = (alpha' - beta ln(V/V0)) V, V = V0 exp((alpha'/beta)(1 - e^(-beta t))), with
        // alpha' = alpha - beta ln V0 the specific rate at V0.
        const double Alpha = 0.35;
        const double Beta = 0.05;
        foreach (var v0 in new[] { 0.5, 5.0, 80.0 })
        {
            var alphaAtV0 = Alpha - (Beta * Math.Log(v0));
            foreach (var t in new[] { 1.0, 30.0, 365.0 })
            {
                var textbook = v0 * Math.Exp(alphaAtV0 / Beta * (1.0 - Math.Exp(-Beta * t)));
                var ours = GrowthModels.Get("gompertz").Evaluate(v0, t, [Alpha, Beta]);
                Assert.True(Math.Abs(ours - textbook) <= 1e-12 * textbook, $"V0 {v0}, t {t}: {ours} vs {textbook}");
            }
        }
    }

    [Fact]
    public void DecayFreeLimitsReduceToSimplerLaws()
    {
        // beta -> 0: Gompertz is exponential at rate alpha; b -> 0: von Bertalanffy grows V^(1/3) linearly.
        Assert.Equal(3.0 * Math.Exp(0.02 * 50.0), GrowthModels.Get("gompertz").Evaluate(3.0, 50.0, [0.02, 0.0]), 1e-12);
        var cube = Math.Cbrt(8.0) + (0.3 * 20.0 / 3.0);
        Assert.Equal(cube * cube * cube, GrowthModels.Get("von-bertalanffy").Evaluate(8.0, 20.0, [0.3, 0.0]), 1e-10);
        Assert.Equal(4.0 * Math.Exp(0.1 * 7.0), GrowthModels.Get("power-law").Evaluate(4.0, 7.0, [0.1, 1.0]), 1e-12);
    }

    [Fact]
    public void ExponentialLinearSwitchesAtTau()
    {
        var model = GrowthModels.Get("exponential-linear");
        double[] p = [0.05, 2.0];
        var tau = Math.Log(2.0 / (0.05 * 5.0)) / 0.05;
        Assert.Equal(40.0, model.Evaluate(5.0, tau, p), 1e-9);
        Assert.Equal(40.0 + (2.0 * 10.0), model.Evaluate(5.0, tau + 10.0, p), 1e-9);
        Assert.Equal(50.0 + (2.0 * 3.0), model.Evaluate(50.0, 3.0, p), 1e-12);
    }

    private readonly struct GrowthOde(IGrowthModel model, double[] parameters) : IScalarOde
    {
        public double Derivative(double t, double y) => model.Rate(y, parameters);
    }
}
