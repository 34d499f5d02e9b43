using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Forecasting;
using Xunit.Abstractions;

namespace Primage.Kernels.Tests.Forecasting;

/// <summary>
/// The forecast's paired draws: what-if plans forecast from one posterior with one seed report the
/// same particles in the same order, so plan differences are paired per draw (common random numbers).
/// </summary>
public sealed class PairedDrawsTests(ITestOutputHelper output)
{
    private const long ScenarioSeed = 20240205;
    private const int Draws = 201;
    private const double RtStartDay = 28; // a Monday, 4 weeks after the first scan

    // LQ, alpha/beta = 10 Gy: BED = n d (1 + d / 10) (DOMAIN.md).
    private const double Bed54 = 30 * 1.8 * 1.18;
    private const double Bed39 = 13 * 3.0 * 1.3;
    private const double Bed594 = 33 * 1.8 * 1.18;

    private static readonly Lazy<string> DipgPosterior = new(() => Calibrate(["exponential", "gompertz", "logistic"]));
    private static readonly Lazy<string> ExponentialPosterior = new(() => Calibrate(["exponential"]));

    [Fact]
    public void Plans_forecast_from_one_posterior_with_one_seed_share_their_particles_draw_by_draw()
    {
        var standard = Forecast(DipgPosterior.Value, ["exponential", "gompertz", "logistic"], Plan(1.8, 30));
        var again = Forecast(DipgPosterior.Value, ["exponential", "gompertz", "logistic"], Plan(1.8, 30));
        var hypo = Forecast(DipgPosterior.Value, ["exponential", "gompertz", "logistic"], Plan(3.0, 13));

        Assert.Equal(Draws, standard.Count);
        Assert.Equal(standard.Alpha, hypo.Alpha); // the same particle behind draw i under both plans
        Assert.Equal(standard.Volume, again.Volume);
        Assert.Equal(standard.Nadir, again.Nadir);
        Assert.Equal(RtStartDay, standard.NadirFromDay);
        Assert.Equal(Bed54, standard.BedGy, 1e-12);
        Assert.Equal(Bed39, hypo.BedGy, 1e-12);

        // Before the courses start the plans cannot differ: draw by draw the volumes are equal.
        var d = standard.DayIndex(21);
        Assert.Equal(standard.At(d), hypo.At(d));
    }

    [Fact]
    public void Pairing_makes_the_interval_of_a_plan_difference_far_narrower_than_independent_draws()
    {
        string[] models = ["exponential", "gompertz", "logistic"];
        var standard = Forecast(DipgPosterior.Value, models, Plan(1.8, 30));
        var hypo = Forecast(DipgPosterior.Value, models, Plan(3.0, 13));
        var d = standard.DayIndex(84); // 8 weeks after the start: both courses are over
        var a = standard.At(d);
        var b = hypo.At(d);

        var paired = Width(a.Select((x, i) => x - b[i]).ToArray());

        // Independent draws: the same marginals with the pairing broken by a random permutation of B.
        var unpaired = Enumerable.Range(1, 20).Select(s =>
        {
            var shuffled = b.ToArray();
            new Random(s).Shuffle(shuffled);
            return Width(a.Select((x, i) => x - shuffled[i]).ToArray());
        }).Average();

        var ratio = paired / unpaired;
        output.WriteLine($"5-95% width of V(54/30) - V(39/13) at day 84: paired {paired:F3} mL, independent {unpaired:F3} mL, ratio {ratio:F3}");
        Assert.True(ratio < 0.25, $"paired {paired}, independent {unpaired}");

        // With independent draws P(A < B) is blurred towards 1/2; paired, every draw lies on the same side.
        var pPaired = a.Select((x, i) => x < b[i] ? 1.0 : x == b[i] ? 0.5 : 0.0).Average();
        output.WriteLine($"P(V(54/30) < V(39/13)) paired {pPaired:F3}");
        Assert.True(pPaired > 0.95);
    }

    [Fact]
    public void With_exponential_growth_each_draws_volume_ratio_after_both_courses_is_the_lq_kill_ratio()
    {
        // V(t) = V0 e^(a t) prod S_k for exponential growth (kill and growth commute): once both courses are
        // over, V_A / V_B = exp(-alpha (BED_A - BED_B)) for every draw, whatever its growth rate.
        var standard = Forecast(ExponentialPosterior.Value, ["exponential"], Plan(1.8, 30));
        var hypo = Forecast(ExponentialPosterior.Value, ["exponential"], Plan(3.0, 13));
        var escalated = Forecast(ExponentialPosterior.Value, ["exponential"], Plan(1.8, 33));
        var d = standard.DayIndex(84);
        for (var i = 0; i < Draws; i++)
        {
            var alpha = standard.Alpha[i];
            Assert.Equal(Math.Exp(-alpha * (Bed54 - Bed39)), standard.At(d)[i] / hypo.At(d)[i], 2e-6);
            Assert.Equal(Math.Exp(-alpha * (Bed594 - Bed54)), escalated.At(d)[i] / standard.At(d)[i], 2e-6);

            // Nadirs: the longer, higher-BED course always has at least as much BED left to give, so
            // nadir_A e^(alpha BED_A) >= nadir_B e^(alpha BED_B): the nadir ratio is never below the kill ratio.
            Assert.True(standard.Nadir[i] / hypo.Nadir[i] >= Math.Exp(-alpha * (Bed54 - Bed39)) * (1 - 1e-6));
            Assert.True(escalated.Nadir[i] / standard.Nadir[i] >= Math.Exp(-alpha * (Bed594 - Bed54)) * (1 - 1e-6));
        }
    }

    [Fact]
    public void A_forecast_without_paired_draws_reports_none()
    {
        var result = Run(ExponentialPosterior.Value, ["exponential"], Plan(1.8, 30), pairedDraws: null);
        Assert.Null(result["pairedDraws"]);
    }

    private static string Calibrate(string[] models)
        => Run(null, models, new JsonObject(), pairedDraws: null, seed: 11)["posteriorState"]!.GetValue<string>();

    private static JsonObject Plan(double dose, int fractions) => new()
    {
        ["radiotherapy"] = new JsonArray(new JsonObject
        {
            ["startDay"] = RtStartDay,
            ["dosePerFractionGy"] = dose,
            ["fractions"] = fractions,
            ["fractionsPerWeek"] = 5,
            ["startWeekday"] = 0,
        }),
    };

    private static DrawSet Forecast(string posterior, string[] models, JsonObject therapy)
        => DrawSet.Read(Run(posterior, models, therapy, Draws)["pairedDraws"]!);

    private static JsonNode Run(string? priorState, string[] models, JsonObject therapy, int? pairedDraws, long seed = ScenarioSeed)
    {
        var parameters = new JsonObject
        {
            ["disease"] = "dipg",
            ["models"] = new JsonArray([.. models.Select(m => (JsonNode)m)]),
            ["ensembleSize"] = 256,
            ["priorState"] = priorState,
            ["observations"] = new JsonArray(
                new JsonObject { ["id"] = "s1", ["day"] = 0, ["volumeMl"] = 20.0 },
                new JsonObject { ["id"] = "s2", ["day"] = 21, ["volumeMl"] = 24.0 }),
            ["therapy"] = therapy,
            ["horizonDays"] = 100,
            ["outputStepDays"] = 7,
            ["pairedDraws"] = pairedDraws,
        };
        using var doc = JsonDocument.Parse(parameters.ToJsonString());
        return new ForecastStepTask().Execute(doc.RootElement, seed, CancellationToken.None);
    }

    private static double Width(double[] values)
    {
        var sorted = values.Order().ToArray();
        return Quantile(sorted, 0.95) - Quantile(sorted, 0.05);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private sealed record DrawSet(int Count, double[] Days, float[] Volume, float[] Nadir, float[] Alpha, double NadirFromDay, double BedGy)
    {
        public static DrawSet Read(JsonNode node)
        {
            Assert.Equal("float32-le-base64", node["encoding"]!.GetValue<string>());
            return new DrawSet(
                node["count"]!.GetValue<int>(),
                [.. node["days"]!.AsArray().Select(x => x!.GetValue<double>())],
                Floats(node["volumeMl"]!),
                Floats(node["nadirVolumeMl"]!),
                Floats(node["alphaRtPerGy"]!),
                node["nadirFromDay"]!.GetValue<double>(),
                node["bedGy"]!.GetValue<double>());
        }

        public int DayIndex(double day) => Array.IndexOf(Days, day) is var i and >= 0 ? i : throw new ArgumentException($"no output day {day}");

        public double[] At(int dayIndex) => [.. Volume.AsSpan(dayIndex * Count, Count).ToArray().Select(x => (double)x)];

        private static float[] Floats(JsonNode node)
        {
            var bytes = Convert.FromBase64String(node.GetValue<string>());
            var values = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            return values;
        }
    }
}
