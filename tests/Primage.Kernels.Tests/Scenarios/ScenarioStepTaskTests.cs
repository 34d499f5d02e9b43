using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Runner;
using Primage.Kernels.Scenarios;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Tests.Scenarios;

public sealed class ScenarioStepTaskTests
{
    // High-grade glioma values of DOMAIN.md (Hathout 2016).
    private const double Alpha = 0.04;
    private const double AlphaOverBeta = 10.0;
    private const double Rate = 0.005; // exponential growth, doubling ~139 days
    private const double V0 = 20.0;
    private const double StartDay = 7.0; // a Monday

    private static readonly (string Name, double Dose, int Fractions)[] Dipg =
    [
        ("hypofractionated-39Gy-13", 3.0, 13),
        ("standard-54Gy-30", 1.8, 30),
        ("escalated-59.4Gy-33", 1.8, 33),
    ];

    [Fact]
    public void Higher_bed_gives_lower_nadir_matching_the_linear_quadratic_closed_form()
    {
        var result = Run(Document([Particle(Rate, Alpha)], draws: 1), seed: 1);

        var nadirs = new double[Dipg.Length];
        for (var p = 0; p < Dipg.Length; p++)
        {
            var (_, dose, fractions) = Dipg[p];
            var plan = result["plans"]![p]!;
            var bed = fractions * dose * (1 + (dose / AlphaOverBeta));
            Assert.Equal(bed, plan["bedGy"]!.GetValue<double>(), 9);

            // Exponential growth between fractions, LQ kill per fraction, left-continuous output:
            // the nadir is the day after the last fraction, V0 e^(r (last + 1)) e^(-alpha BED).
            var last = FractionSchedule.Days(new RadiotherapyCourse(StartDay, dose, fractions, 5)).Max();
            var expected = V0 * Math.Exp(Rate * (last + 1)) * Math.Exp(-Alpha * bed);
            nadirs[p] = plan["endpoints"]!["nadirVolumeMl"]!["q50"]!.GetValue<double>();
            Assert.Equal(expected, nadirs[p], expected * 1e-9);
            Assert.Equal(last + 1, plan["endpoints"]!["nadirDay"]!["q50"]!.GetValue<double>());
        }

        // DOMAIN.md: 54 Gy / 30 has BED 63.72 Gy and a no-regrowth surviving fraction of 0.0782.
        Assert.Equal(63.72, result["plans"]![1]!["bedGy"]!.GetValue<double>(), 2);
        Assert.Equal(0.0782, Math.Exp(-Alpha * 63.72), 4);

        // Sign: BED 50.7 < 63.72 < 70.09 Gy, so the nadirs fall in that order.
        Assert.True(nadirs[0] > nadirs[1] && nadirs[1] > nadirs[2]);

        // Size: the ratio is the LQ kill ratio times the extra regrowth of the longer course.
        // 54/30 vs 39/13: e^(-0.04 (63.72 - 50.7)) = 0.594, times e^(0.005 * 23 days) = 1.122 -> ~0.667.
        Assert.InRange(nadirs[1] / nadirs[0], 0.64, 0.69);
    }

    [Fact]
    public void Paired_draws_make_a_higher_bed_plan_lower_for_every_draw_of_a_dipg_population()
    {
        // A spread of growth rates and radiosensitivities; with common draws each comparison is paired.
        var particles = new List<JsonNode>();
        for (var i = 0; i < 40; i++)
        {
            particles.Add(Particle(0.002 + (0.0001 * i), 0.02 + (0.001 * i)));
        }

        var result = Run(Document(particles, draws: 200, compareDays: [120]), seed: 7);
        var comparisons = result["comparisons"]!.AsArray();
        var nadir = comparisons.Single(c => (string)c!["a"]! == "hypofractionated-39Gy-13" && (string)c!["b"]! == "standard-54Gy-30" && (string)c!["endpoint"]! == "nadir")!;

        // BED gap 13 Gy kills at least 0.02 * 13 = 0.26 in ln V; 23 extra days regrow at most 0.006 * 23 = 0.14.
        // So the 39 Gy / 13 plan (A) is never lower than 54 Gy / 30 (B) and every paired difference is positive.
        Assert.Equal(0.0, nadir["probabilityALower"]!.GetValue<double>());
        Assert.True(nadir["differenceMl"]!["q05"]!.GetValue<double>() > 0.0);
    }

    [Fact]
    public void A_plan_compared_with_itself_differs_by_exactly_zero_because_the_draws_are_shared()
    {
        var particles = Enumerable.Range(0, 30).Select(i => Particle(0.002 + (0.0002 * i), 0.03)).ToList();
        var doc = Document(particles, draws: 100, compareDays: [60], duplicateFirstPlan: true);
        var result = Run(doc, seed: 3);
        var self = result["comparisons"]!.AsArray().First(c => (string)c!["b"]! == "copy")!;

        Assert.Equal(0.5, self["probabilityALower"]!.GetValue<double>());
        Assert.Equal(0.0, self["differenceMl"]!["q05"]!.GetValue<double>());
        Assert.Equal(0.0, self["differenceMl"]!["q95"]!.GetValue<double>());
    }

    [Fact]
    public void The_same_seed_reproduces_the_result_and_another_seed_draws_other_particles()
    {
        var particles = Enumerable.Range(0, 50).Select(i => Particle(0.001 + (0.0003 * i), 0.04)).ToList();
        var doc = Document(particles, draws: 20);

        Assert.Equal(Run(doc, 11).ToJsonString(), Run(doc, 11).ToJsonString());
        Assert.NotEqual(Run(doc, 11).ToJsonString(), Run(doc, 12).ToJsonString());
    }

    [Fact]
    public void Systematic_resampling_follows_the_weights()
    {
        var response = new TherapyResponse(0.04, 10, 1);
        var model = Primage.Kernels.Growth.GrowthModels.Get("exponential");
        var particles = new[]
        {
            new ScenarioParticle(model, [0.01], 1, response, 3.0),
            new ScenarioParticle(model, [0.01], 1, response, 1.0),
        };

        // Systematic resampling gives floor or ceil of n w: exactly 75 and 25 of 100 here.
        var indices = ScenarioForecaster.Resample(particles, 100, 5);
        Assert.Equal(75, indices.Count(i => i == 0));
    }

    [Fact]
    public void A_missing_plan_name_is_rejected_with_its_path()
    {
        var doc = Document([Particle(Rate, Alpha)], draws: 1);
        doc["plans"]![0]!.AsObject().Remove("name");

        var error = Assert.Throws<StepInputException>(() => Run(doc, 1));
        Assert.Equal("parameters.plans[0].name", error.Field);
    }

    private static JsonNode Run(JsonObject parameters, long seed)
    {
        using var json = JsonDocument.Parse(parameters.ToJsonString());
        return new ScenarioStepTask().Execute(json.RootElement, seed, CancellationToken.None);
    }

    private static JsonObject Particle(double rate, double alpha) => new()
    {
        ["model"] = "exponential",
        ["parameters"] = new JsonArray(rate),
        ["v0Ml"] = V0,
        ["response"] = new JsonObject { ["alphaPerGy"] = alpha, ["alphaOverBetaGy"] = AlphaOverBeta, ["chemoSensitivity"] = 1.0 },
    };

    private static JsonObject Document(IEnumerable<JsonNode> particles, int draws, double[]? compareDays = null, bool duplicateFirstPlan = false)
    {
        var plans = new JsonArray();
        foreach (var (name, dose, fractions) in Dipg)
        {
            plans.Add(Plan(name, dose, fractions));
        }

        if (duplicateFirstPlan)
        {
            plans.Insert(1, Plan("copy", Dipg[0].Dose, Dipg[0].Fractions));
        }

        return new JsonObject
        {
            ["particles"] = new JsonArray([.. particles.Select(p => p.DeepClone())]),
            ["draws"] = draws,
            ["plans"] = plans,
            ["outputDays"] = new JsonArray(0, 30, 60, 90, 120),
            ["compareDays"] = compareDays is null ? null : new JsonArray([.. compareDays.Select(d => (JsonNode)d)]),
        };
    }

    private static JsonObject Plan(string name, double dose, int fractions) => new()
    {
        ["name"] = name,
        ["therapy"] = new JsonObject
        {
            ["radiotherapy"] = new JsonArray(new JsonObject
            {
                ["startDay"] = StartDay, ["dosePerFractionGy"] = dose, ["fractions"] = fractions, ["fractionsPerWeek"] = 5,
            }),
        },
    };
}
