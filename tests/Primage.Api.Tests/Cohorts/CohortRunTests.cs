using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Primage.Testing;

namespace Primage.Api.Tests.Cohorts;

/// <summary>
/// The tumour-growth cohort (lung 20 + breast 66 subjects) through the real service: import, three
/// scenarios per subject on the local backend, a host restart mid-run on the same SQLite directory,
/// and a resumed run that never repeats a finished member. Small ensembles keep it fast.
/// </summary>
public sealed class CohortRunTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Primage:Predictions:EnsembleSize"] = "32",
        ["Primage:Predictions:Models:0"] = "exponential",
        ["Primage:Predictions:HorizonDays"] = "60",
        ["Primage:Predictions:OutputStepDays"] = "7",
    };

    private const string Scenarios = """
        {"runId": "r1", "maxInFlight": 4, "scenarios": [
          {"scenarioId": "untreated", "name": "untreated", "therapies": []},
          {"scenarioId": "rt-5x2", "name": "5 x 2 Gy", "therapies": [{"therapyId": "rt", "kind": "radiotherapy", "start": "2024-02-12", "dosePerFractionGy": 2.0, "fractions": 5, "fractionsPerWeek": 5}]},
          {"scenarioId": "rt-10x2", "name": "10 x 2 Gy", "therapies": [{"therapyId": "rt", "kind": "radiotherapy", "start": "2024-02-12", "dosePerFractionGy": 2.0, "fractions": 10, "fractionsPerWeek": 5}]}]}
        """;

    [Fact]
    public async Task Importing_86_subjects_and_running_3_scenarios_survives_a_restart_without_repeating_finished_members()
    {
        var directory = PrimageApp.NewDataDirectory();
        var finishedBefore = new Dictionary<string, string>();
        await using (var app = new PrimageApp(directory, Settings))
        {
            using var client = app.CreateClient();
            var lung = await Import(client, "lung", "lung_llc_volume.tsv");
            var breast = await Import(client, "breast", "breast_mda231_volume.tsv");
            Assert.Equal(20, lung["twins"]!.GetValue<int>());
            Assert.Equal(66, breast["twins"]!.GetValue<int>());
            var cohort = await Json.ReadAsync(await client.GetAsync("/api/cohorts/tg"));
            Assert.Equal(86, cohort["twinIds"]!.AsArray().Count);

            Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(client, "/api/cohorts/tg/runs", Scenarios)).StatusCode);
            var progress = await WaitAsync(client, p => p["done"]!.GetValue<int>() >= 12);
            Assert.Equal(258, progress["total"]!.GetValue<int>());
            Assert.True(progress["inFlight"]!.GetValue<int>() <= 4);

            // Remember every member finished so far and the instant its forecast was stored.
            var results = await Json.ReadAsync(await client.GetAsync("/api/cohorts/tg/runs/r1/results"));
            foreach (var m in results["members"]!.AsArray().Where(m => (string)m!["status"]! == "completed"))
            {
                var url = $"/api/twins/{(string)m!["twinId"]!}/scenarios/tg-r1-{(string)m["scenarioId"]!}";
                var scenario = await Json.ReadAsync(await client.GetAsync(url));
                finishedBefore[url] = scenario["prediction"]!["provenance"]!["finishedAt"]!.ToJsonString();
            }
        }

        Assert.NotEmpty(finishedBefore);
        await using (var app = new PrimageApp(directory, Settings))
        {
            using var client = app.CreateClient();
            var done = await WaitAsync(client, p => (string)p["status"]! == "completed");
            Assert.Equal(258, done["done"]!.GetValue<int>());

            // Members interrupted by the host's shutdown are not failures: they resume.
            Assert.Equal(0, done["failed"]!.GetValue<int>());

            foreach (var (url, finishedAt) in finishedBefore)
            {
                var scenario = await Json.ReadAsync(await client.GetAsync(url));
                Assert.Equal(finishedAt, scenario["prediction"]!["provenance"]!["finishedAt"]!.ToJsonString());
            }

            var results = await Json.ReadAsync(await client.GetAsync("/api/cohorts/tg/runs/r1/results"));
            var scenarios = results["scenarios"]!.AsArray();
            Assert.Equal(3, scenarios.Count);
            Assert.Equal(258 - done["failed"]!.GetValue<int>(), scenarios.Sum(s => s!["completed"]!.GetValue<int>()));

            var csv = await (await client.GetAsync("/api/cohorts/tg/runs/r1/results?format=csv")).Content.ReadAsStringAsync();
            Assert.Equal(259, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
    }

    private static async Task<JsonNode> Import(HttpClient client, string prefix, string file)
    {
        var path = RepositoryFiles.TumourGrowth(file);
        using var content = new StringContent(await File.ReadAllTextAsync(path), Encoding.UTF8, "text/csv");
        var response = await client.PostAsync($"/api/cohorts/tg/import?prefix={prefix}&baseDate=2024-01-01", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    private static async Task<JsonNode> WaitAsync(HttpClient client, Func<JsonNode, bool> done)
    {
        for (var i = 0; i < 3000; i++)
        {
            var response = await client.GetAsync("/api/cohorts/tg/runs/r1");
            if (response.IsSuccessStatusCode && await Json.ReadAsync(response) is { } body && done(body))
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the cohort run never reached the expected state");
    }
}
