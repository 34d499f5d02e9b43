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
    public async Task Dipg_scenarios_complete_from_the_twins_posterior_and_the_higher_bed_plan_is_lower()
    {
        const string id = "dipg-scn";
        await Json.PutAsync(_client, $"/api/twins/{id}", """{"site": "lafe", "diagnosis": "dipg", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 84, "sex": "male", "markers": {}}""");
        await Json.PostAsync(_client, $"/api/twins/{id}/observations", """{"observationId": "s1", "takenOn": "2024-01-08", "tumourVolumeMl": 20.0}""");
        await Json.PostAsync(_client, $"/api/twins/{id}/observations", """{"observationId": "s2", "takenOn": "2024-01-29", "tumourVolumeMl": 24.0}""");
        var latest = await WaitAsync($"/api/twins/{id}/prediction", p => p["observationIds"]!.AsArray().Count == 2);
        var twinBefore = await Json.ReadAsync(await _client.GetAsync($"/api/twins/{id}/predictions"));

        await Json.PostAsync(_client, $"/api/twins/{id}/scenarios", Plan("hypo", 3.0, 13));
        await Json.PostAsync(_client, $"/api/twins/{id}/scenarios", Plan("standard", 1.8, 30));
        var hypo = await WaitAsync($"/api/twins/{id}/scenarios/hypo", s => s["status"]!.GetValue<string>() is "completed" or "failed");
        var standard = await WaitAsync($"/api/twins/{id}/scenarios/standard", s => s["status"]!.GetValue<string>() is "completed" or "failed");
        Assert.Equal("completed", hypo["status"]!.GetValue<string>());
        Assert.Equal("completed", standard["status"]!.GetValue<string>());
        Assert.Equal(latest["version"]!.GetValue<int>(), hypo["basedOnVersion"]!.GetValue<int>());
        Assert.Equal(hypo["seed"]!.GetValue<long>(), standard["seed"]!.GetValue<long>());

        // Eight weeks after the start of radiotherapy both courses are over: more BED, less tumour.
        var compare = await Json.ReadAsync(await _client.GetAsync($"/api/twins/{id}/scenarios/compare?ids=standard,hypo&date=2024-04-01"));
        Assert.True(compare["commonRandomNumbers"]!.GetValue<bool>());
        var difference = compare["differences"]![0]!;
        Assert.True(difference["medianDifferenceMl"]!.GetValue<double>() < 0.0, compare.ToJsonString());
        Assert.True(difference["probabilityALower"]!.GetValue<double>() > 0.5, compare.ToJsonString());

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
