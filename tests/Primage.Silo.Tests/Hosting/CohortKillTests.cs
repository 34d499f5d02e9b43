using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Primage.Silo.Tests.Postgres;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Hosting;

/// <summary>
/// The tumour-growth cohort (86 subjects, 3 scenarios each) run by the built service on its embedded
/// SQLite store, the process killed with SIGKILL mid-run and started again on the same data directory:
/// the run resumes by itself, completes, and no member that had finished is run again.
/// </summary>
public sealed class CohortKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private const string Scenarios = """
        {"runId": "r1", "maxInFlight": 4, "scenarios": [
          {"scenarioId": "untreated", "name": "untreated", "therapies": []},
          {"scenarioId": "rt-5x2", "name": "5 x 2 Gy", "therapies": [{"therapyId": "rt", "kind": "radiotherapy", "start": "2024-02-12", "dosePerFractionGy": 2.0, "fractions": 5, "fractionsPerWeek": 5}]},
          {"scenarioId": "rt-10x2", "name": "10 x 2 Gy", "therapies": [{"therapyId": "rt", "kind": "radiotherapy", "start": "2024-02-12", "dosePerFractionGy": 2.0, "fractions": 10, "fractionsPerWeek": 5}]}]}
        """;

    [Fact]
    public async Task A_cohort_run_killed_mid_way_resumes_after_restart_without_repeating_finished_members()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "primage-tests", "cohort-kill-" + Guid.NewGuid().ToString("N")[..8]);
        List<string> settings =
        [
            "--Primage:Storage:Provider=sqlite",
            $"--Primage:DataDirectory={dataDirectory}",
            "--Primage:Predictions:EnsembleSize=32",
            "--Primage:Predictions:Models:0=exponential",
            "--Primage:Predictions:HorizonDays=60",
            "--Primage:Predictions:OutputStepDays=7",
        ];
        var finishedBefore = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using (var first = SiloProcess.StartWith("first", settings))
            {
                await first.WaitReadyAsync(StartTimeout);
                Assert.Equal(20, (await Import(first.Http, "lung", "lung_llc_volume.tsv"))["twins"]!.GetValue<int>());
                Assert.Equal(66, (await Import(first.Http, "breast", "breast_mda231_volume.tsv"))["twins"]!.GetValue<int>());
                Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(first.Http, "/api/cohorts/tg/runs", Scenarios)).StatusCode);
                var progress = await WaitAsync(first, p => p["done"]!.GetValue<int>() >= 30);
                Assert.Equal(258, progress["total"]!.GetValue<int>());

                // Every member finished so far, with the instant its forecast was stored; then SIGKILL.
                foreach (var url in await CompletedScenarioUrlsAsync(first.Http))
                {
                    var scenario = await Json.ReadAsync(await first.Http.GetAsync(url));
                    finishedBefore[url] = scenario["prediction"]!["provenance"]!["finishedAt"]!.ToJsonString();
                }

                first.KillHard();
                output.WriteLine($"killed with {finishedBefore.Count} of 258 members finished");
            }

            Assert.InRange(finishedBefore.Count, 1, 257);
            await using var second = SiloProcess.StartWith("second", settings);
            await second.WaitReadyAsync(StartTimeout);
            // Nobody asks it to resume: the run's reminder brings it back.
            var done = await WaitAsync(second, p => (string)p["status"]! == "completed");
            Assert.Equal(258, done["done"]!.GetValue<int>());
            Assert.Equal(0, done["failed"]!.GetValue<int>());

            foreach (var (url, finishedAt) in finishedBefore)
            {
                var scenario = await Json.ReadAsync(await second.Http.GetAsync(url));
                Assert.Equal(finishedAt, scenario["prediction"]!["provenance"]!["finishedAt"]!.ToJsonString());
            }

            Assert.Equal(258, (await CompletedScenarioUrlsAsync(second.Http)).Count);
            output.WriteLine($"resumed and completed; the {finishedBefore.Count} members finished before the kill kept their results");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<List<string>> CompletedScenarioUrlsAsync(HttpClient http)
    {
        var results = await Json.ReadAsync(await http.GetAsync("/api/cohorts/tg/runs/r1/results"));
        return
        [
            .. results["members"]!.AsArray()
                .Where(m => (string)m!["status"]! == "completed")
                .Select(m => $"/api/twins/{(string)m!["twinId"]!}/scenarios/tg-r1-{(string)m["scenarioId"]!}"),
        ];
    }

    private static async Task<JsonNode> Import(HttpClient http, string prefix, string file)
    {
        var path = RepositoryFiles.TumourGrowth(file);
        using var content = new StringContent(await File.ReadAllTextAsync(path), Encoding.UTF8, "text/csv");
        var response = await http.PostAsync($"/api/cohorts/tg/import?prefix={prefix}&baseDate=2024-01-01", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    private static async Task<JsonNode> WaitAsync(SiloProcess silo, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await silo.Http.GetAsync("/api/cohorts/tg/runs/r1");
            if (response.IsSuccessStatusCode && await Json.ReadAsync(response) is { } body && done(body))
            {
                return body;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the cohort run never reached the expected state:{Environment.NewLine}{silo.Tail()}");
    }
}
