using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Forecasting;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Forecasting;

public sealed class ForecastStepTaskTests
{
    // A neuroblastoma primary growing about 1.5% a day with measurement noise, scanned every 2 weeks.
    private static readonly (string Id, double Day, double Volume)[] Scans =
    [
        ("s1", 0, 100), ("s2", 14, 118), ("s3", 28, 161), ("s4", 42, 183), ("s5", 56, 240),
    ];

    private static JsonNode Run(int scans, long seed = 42, string? priorState = null, Action<JsonObject>? edit = null)
    {
        var parameters = new JsonObject
        {
            ["disease"] = "neuroblastoma",
            ["models"] = new JsonArray("exponential", "gompertz", "logistic"),
            ["ensembleSize"] = 256,
            ["priorState"] = priorState,
            ["observations"] = new JsonArray(Scans.Take(scans).Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["day"] = s.Day, ["volumeMl"] = s.Volume }).ToArray()),
            ["horizonDays"] = 120,
            ["outputStepDays"] = 14,
        };
        edit?.Invoke(parameters);
        using var doc = JsonDocument.Parse(parameters.ToJsonString());
        return new ForecastStepTask().Execute(doc.RootElement, seed, CancellationToken.None);
    }

    [Fact]
    public void SameInputsAndSeedGiveIdenticalResultsAndAnotherSeedDiffers()
    {
        var a = Run(4).ToJsonString();
        Assert.Equal(a, Run(4).ToJsonString());
        Assert.NotEqual(a, Run(4, seed: 7).ToJsonString());
    }

    [Fact]
    public void AStoredStateAssimilatesOnlyTheNewObservation()
    {
        var first = Run(4);
        var state = first["posteriorState"]!.GetValue<string>();
        var next = Run(5, priorState: state);
        Assert.Equal(["s5"], next["calibration"]!["assimilatedObservationIds"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(5, next["calibration"]!["absorbedObservationIds"]!.AsArray().Count);
        Assert.False(next["calibration"]!["restarted"]!.GetValue<bool>());

        // The sequential posterior forecasts what a fresh calibration on all five does, within Monte
        // Carlo error (256 particles a model: a few percent on the median at the horizon).
        var fresh = Run(5);
        var q50Sequential = next["trajectory"]!.AsArray()[^1]!["q50"]!.GetValue<double>();
        var q50Fresh = fresh["trajectory"]!.AsArray()[^1]!["q50"]!.GetValue<double>();
        Assert.InRange(q50Sequential / q50Fresh, 0.9, 1.1);
    }

    [Fact]
    public void AChangedEarlierObservationStartsOver()
    {
        var state = Run(4)["posteriorState"]!.GetValue<string>();
        var result = Run(5, priorState: state, edit: p => p["observations"]![1]!["volumeMl"] = 125.0);
        Assert.True(result["calibration"]!["restarted"]!.GetValue<bool>());
        Assert.Contains("s2", result["calibration"]!["restartReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, result["calibration"]!["assimilatedObservationIds"]!.AsArray().Count);
    }

    [Fact]
    public void TherapyAddedAfterTheLastAbsorbedScanKeepsTheStateAndEarlierTherapyStartsOver()
    {
        var state = Run(4)["posteriorState"]!.GetValue<string>();
        JsonObject Surgery(double day) => new()
        {
            ["surgeries"] = new JsonArray(new JsonObject { ["day"] = day, ["resectedFraction"] = 0.9 }),
        };

        // Surgery on day 50, after the 4th scan (day 42): the absorbed data are unaffected.
        var later = Run(5, priorState: state, edit: p => p["therapy"] = Surgery(50));
        Assert.False(later["calibration"]!["restarted"]!.GetValue<bool>());
        Assert.Equal(["s5"], later["calibration"]!["assimilatedObservationIds"]!.AsArray().Select(x => x!.GetValue<string>()));

        // Surgery on day 20 changes the likelihood of scans 3 and 4: start over.
        var earlier = Run(5, priorState: state, edit: p => p["therapy"] = Surgery(20));
        Assert.True(earlier["calibration"]!["restarted"]!.GetValue<bool>());
        Assert.Equal(5, earlier["calibration"]!["assimilatedObservationIds"]!.AsArray().Count);
    }

    [Fact]
    public void ForecastReportsTrajectoryEndpointsAndConfidence()
    {
        var result = Run(5);
        var trajectory = result["trajectory"]!.AsArray();

        // Days 0, 14, ..., 168 and the end day 56 + 120 = 176.
        Assert.Equal(14, trajectory.Count);
        Assert.Equal(176.0, trajectory[^1]!["day"]!.GetValue<double>());
        foreach (var row in trajectory)
        {
            var q = new[] { "q05", "q25", "q50", "q75", "q95" }.Select(k => row![k]!.GetValue<double>()).ToArray();
            Assert.True(q[0] <= q[1] && q[1] <= q[2] && q[2] <= q[3] && q[3] <= q[4]);
        }

        // The scans grow 2.4-fold in 8 weeks: the posterior median at day 56 is near the last scan and
        // progression (73% over the nadir) has almost surely happened by then.
        var atDay56 = trajectory[4]!;
        Assert.InRange(atDay56["q50"]!.GetValue<double>(), 200, 280);
        var byDay = result["endpoints"]!["byDay"]!.AsArray();
        Assert.True(byDay[4]!["probabilityOfProgression"]!.GetValue<double>() > 0.9);
        Assert.True(byDay[^1]!["probabilityOfResponse"]!.GetValue<double>() < 0.01);
        var probabilities = result["modelProbabilities"]!.AsObject().Select(kv => kv.Value!.GetValue<double>()).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 1e-9);
        var score = result["confidence"]!["score"]!.GetValue<double>();
        Assert.InRange(score, 0.0, 1.0);
        Assert.Equal((1 / score) - 1, result["confidence"]!["expectedRelativeError"]!.GetValue<double>(), 1e-12);
    }

    [Fact]
    public void RadiotherapyShrinksTheForecastDipg()
    {
        // DIPG: 54 Gy in 30 x 1.8 Gy from day 7; the prior expects about a 40% fall (Calmon 2017).
        var result = Run(1, edit: p =>
        {
            p["disease"] = "dipg";
            p["observations"] = new JsonArray(new JsonObject { ["id"] = "d0", ["day"] = 0, ["volumeMl"] = 25.0 });
            p["therapy"] = new JsonObject
            {
                ["radiotherapy"] = new JsonArray(new JsonObject { ["startDay"] = 7, ["dosePerFractionGy"] = 1.8, ["fractions"] = 30, ["fractionsPerWeek"] = 5 }),
            };
        });
        var trajectory = result["trajectory"]!.AsArray();
        var q50 = trajectory.ToDictionary(r => r!["day"]!.GetValue<double>(), r => r!["q50"]!.GetValue<double>());
        Assert.True(q50[56] < 0.9 * q50[0], $"day 56 median {q50[56]} vs baseline {q50[0]}");
    }

    [Theory]
    [InlineData("disease", "\"melanoma\"", "parameters.disease")]
    [InlineData("models", "[\"cubic\"]", "parameters.models[0]")]
    [InlineData("ensembleSize", "3", "parameters.ensembleSize")]
    [InlineData("horizonDays", "-5", "parameters.horizonDays")]
    [InlineData("priorState", "\"not base64!\"", "parameters.priorState")]
    [InlineData("pairedDraws", "-1", "parameters.pairedDraws")]
    [InlineData("observations", "[]", "parameters.observations")]
    [InlineData("observations", "[{\"id\":\"a\",\"day\":0,\"volumeMl\":-1}]", "parameters.observations[0].volumeMl")]
    [InlineData("observations", "[{\"id\":\"a\",\"day\":0,\"volumeMl\":1},{\"id\":\"a\",\"day\":3,\"volumeMl\":2}]", "parameters.observations[1].id")]
    [InlineData("therapy", "{\"chemotherapy\":[{\"regimen\":\"aspirin\",\"startDay\":0,\"cycles\":2,\"cycleIntervalDays\":21}]}", "parameters.therapy.chemotherapy[0].regimen")]
    [InlineData("therapy", "{\"radiotherapy\":[{\"startDay\":0,\"dosePerFractionGy\":1.8,\"fractions\":30,\"fractionsPerWeek\":9}]}", "parameters.therapy.radiotherapy[0].fractionsPerWeek")]
    public void InvalidInputIsRejectedNamingTheField(string field, string json, string expectedField)
    {
        var e = Assert.Throws<StepInputException>(() => Run(3, edit: p => p[field] = JsonNode.Parse(json)));
        Assert.Equal(expectedField, e.Field);
    }
}
