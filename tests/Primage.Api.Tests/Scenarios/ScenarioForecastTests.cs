using System.Globalization;
using System.Text.Json.Nodes;
using Primage.Testing;

namespace Primage.Api.Tests.Scenarios;

/// <summary>Scenarios through the real service: local backend, the kernel's "forecast" task, SQLite storage.</summary>
public sealed class ScenarioForecastTests : IAsyncLifetime, IDisposable
{
    // A small ensemble keeps the forecasts fast; the test checks wiring and pairing, not accuracy.
    private readonly PrimageApp _app = new(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
    {
        ["Primage:Predictions:EnsembleSize"] = "64",
        ["Primage:Predictions:Models:0"] = "exponential",
        ["Primage:Predictions:HorizonDays"] = "120",
    });

    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Dipg_scenarios_are_compared_draw_by_draw_and_higher_bed_plans_leave_less_tumour_by_the_lq_kill_ratio()
    {
        const string id = "dipg-scn";
        await Json.PutAsync(_client, $"/api/twins/{id}", """{"site": "lafe", "diagnosis": "dipg", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 84, "sex": "male", "markers": {}}""");
        await Json.PostAsync(_client, $"/api/twins/{id}/observations", """{"observationId": "s1", "takenOn": "2024-01-08", "tumourVolumeMl": 20.0}""");
        await Json.PostAsync(_client, $"/api/twins/{id}/observations", """{"observationId": "s2", "takenOn": "2024-01-29", "tumourVolumeMl": 24.0}""");
        var latest = await WaitAsync($"/api/twins/{id}/prediction", p => p["observationIds"]!.AsArray().Count == 2);
        var twinBefore = await Json.ReadAsync(await _client.GetAsync($"/api/twins/{id}/predictions"));

        // Radiotherapy from Monday 2024-02-05, five fractions a week.
        var plans = new (string Id, double Dose, int Fractions, double Bed, string LastFraction)[]
        {
            ("standard", 1.8, 30, 63.72, "2024-03-15"),
            ("hypo", 3.0, 13, 50.7, "2024-02-21"),
            ("escalated", 1.8, 33, 70.092, "2024-03-20"),
            ("standard-again", 1.8, 30, 63.72, "2024-03-15"),
        };
        foreach (var plan in plans)
        {
            await Json.PostAsync(_client, $"/api/twins/{id}/scenarios", Plan(plan.Id, plan.Dose, plan.Fractions));
        }

        foreach (var plan in plans)
        {
            var scenario = await WaitAsync($"/api/twins/{id}/scenarios/{plan.Id}", s => s["status"]!.GetValue<string>() is "completed" or "failed");
            Assert.Equal("completed", scenario["status"]!.GetValue<string>());
            Assert.Equal(latest["version"]!.GetValue<int>(), scenario["basedOnVersion"]!.GetValue<int>());
        }

        // Four weeks after the last course ends.
        var ids = string.Join(',', plans.Select(p => p.Id));
        var compare = await Json.ReadAsync(await _client.GetAsync($"/api/twins/{id}/scenarios/compare?ids={ids}&date=2024-04-01"));
        var text = compare.ToJsonString();
        Assert.True(compare["commonRandomNumbers"]!.GetValue<bool>());
        Assert.Equal("paired-draws", compare["method"]!.GetValue<string>());
        var columns = compare["scenarios"]!.AsArray().ToDictionary(c => c!["scenarioId"]!.GetValue<string>(), c => c!);
        var alpha = columns["standard"]["radiosensitivityPerGy"]!;
        foreach (var plan in plans)
        {
            var column = columns[plan.Id];
            Assert.Equal(201, column["draws"]!.GetValue<int>());
            Assert.Equal(plan.Bed, column["bedGy"]!.GetValue<double>(), 1e-9); // DOMAIN.md: n d (1 + d / 10)
            Assert.True(JsonNode.DeepEquals(alpha, column["radiosensitivityPerGy"]), text); // the same particles under every plan

            // The lowest volume is reached the day after the last fraction (outputs are read before a day's treatment).
            Assert.Equal(DateOnly.Parse(plan.LastFraction, CultureInfo.InvariantCulture).AddDays(1), DateOnly.Parse(column["nadirDate"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }

        // No radiotherapy was observed, so alpha is the DIPG prior's: median 0.02 /Gy, log-sd 0.7.
        Assert.InRange(alpha["q50"]!.GetValue<double>(), 0.015, 0.027);

        var differences = compare["differences"]!.AsArray().ToDictionary(d => (d!["a"]!.GetValue<string>(), d!["b"]!.GetValue<string>()), d => d!);

        // The same plan twice: exactly no difference, P(A < B) exactly 1/2 (every draw a tie).
        var same = differences[("standard", "standard-again")];
        Assert.Equal(0.5, same["probabilityALower"]!.GetValue<double>());
        Assert.True(same["samePosterior"]!.GetValue<bool>());
        foreach (var q in new[] { "q05", "q50", "q95" })
        {
            Assert.Equal(0.0, same["differenceMl"]![q]!.GetValue<double>());
            Assert.Equal(1.0, same["ratio"]![q]!.GetValue<double>());
        }

        Assert.Equal(0.5, same["nadir"]!["probabilityALower"]!.GetValue<double>());

        // Higher BED against lower: with exponential growth (the configured law) growth and kill commute,
        // so once both courses are over every draw's ratio is the LQ kill ratio exp(-alpha (BED_A - BED_B)):
        // below 1 for every draw (P = 1), and its quantiles are those of alpha, reversed.
        foreach (var (a, b) in new[] { ("standard", "hypo"), ("hypo", "escalated"), ("standard", "escalated") })
        {
            var pair = differences[(a, b)];
            var bedA = plans.Single(p => p.Id == a).Bed;
            var bedB = plans.Single(p => p.Id == b).Bed;
            var higherIsA = bedA > bedB;
            var deltaBed = bedA - bedB;
            Assert.Equal(higherIsA ? 1.0 : 0.0, pair["probabilityALower"]!.GetValue<double>());
            Assert.True(pair["samePosterior"]!.GetValue<bool>());
            Assert.Equal(higherIsA, pair["medianDifferenceMl"]!.GetValue<double>() < 0.0);

            var ratio = pair["ratio"]!;
            var (lowAlpha, highAlpha) = deltaBed > 0 ? ("q95", "q05") : ("q05", "q95");
            Assert.Equal(Math.Exp(-deltaBed * alpha[lowAlpha]!.GetValue<double>()), ratio["q05"]!.GetValue<double>(), 1e-5);
            Assert.Equal(Math.Exp(-deltaBed * alpha["q50"]!.GetValue<double>()), ratio["q50"]!.GetValue<double>(), 1e-5);
            Assert.Equal(Math.Exp(-deltaBed * alpha[highAlpha]!.GetValue<double>()), ratio["q95"]!.GetValue<double>(), 1e-5);

            // Nadirs (the lowest volume from the start of radiotherapy, reached the day after the last
            // fraction): the higher-BED course here is also the longer one and always has at least as much
            // BED left to give, so nadir_H e^(alpha BED_H) >= nadir_L e^(alpha BED_L) for every draw. The
            // nadir ratio, and each of its quantiles, lies on the far side of the kill ratio from 0: the
            // higher-BED nadir is lower by at most the kill ratio, less the regrowth of its longer course
            // (e^(a (L_H - L_L)) for growth rate a and last-fraction days L).
            var nadirRatio = pair["nadir"]!["ratio"]!;
            foreach (var q in new[] { "q05", "q50", "q95" })
            {
                var kill = ratio[q]!.GetValue<double>();
                var value = nadirRatio[q]!.GetValue<double>();
                Assert.True(higherIsA ? value >= kill * (1 - 1e-5) : value <= kill * (1 + 1e-5), $"{a}/{b} {q}: nadir ratio {value}, kill ratio {kill}");
            }
        }

        // 59.4 Gy against 54 Gy: 6.37 Gy more BED for 3 more days of regrowth, a lower nadir whenever
        // alpha 6.37 > 3 a, i.e. in most draws. (54/30 against 39/13 trades 13.02 Gy of BED for 23 more days
        // of regrowth: for this twin's growth the two nadirs are about equal, docs/scenarios.md.)
        var escalation = differences[("standard", "escalated")]["nadir"]!;
        Assert.True(escalation["probabilityALower"]!.GetValue<double>() < 0.5, text);
        Assert.True(escalation["ratio"]!["q50"]!.GetValue<double>() > 1.0, text);

        var twinAfter = await Json.ReadAsync(await _client.GetAsync($"/api/twins/{id}/predictions"));
        Assert.True(JsonNode.DeepEquals(twinBefore, twinAfter));
    }

    private static string Plan(string scenarioId, double dose, int fractions) => $$"""
        {"scenarioId": "{{scenarioId}}", "name": "{{scenarioId}}", "therapies": [
          {"therapyId": "rt", "kind": "radiotherapy", "start": "2024-02-05", "dosePerFractionGy": {{dose}}, "fractions": {{fractions}}, "fractionsPerWeek": 5}]}
        """;

    private async Task<JsonNode> WaitAsync(string url, Func<JsonNode, bool> done)
    {
        for (var i = 0; i < 1200; i++)
        {
            var response = await _client.GetAsync(url);
            if (response.IsSuccessStatusCode && await Json.ReadAsync(response) is { } body && done(body))
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} never reached the expected state");
    }
}
