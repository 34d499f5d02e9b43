using System.Globalization;
using System.Text.Json.Nodes;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Api.Tests.Cohorts;

/// <summary>The progress stream of a cohort run, and its JSON and CSV exports checked against the members' own predictions.</summary>
public sealed class CohortEventsAndExportTests(CohortRunFixture run, ITestOutputHelper output) : IClassFixture<CohortRunFixture>
{
    private const int Total = (CohortRunFixture.Subjects + 1) * 2;
    private const string Results = $"/api/cohorts/{CohortRunFixture.CohortId}/runs/{CohortRunFixture.RunId}/results";

    [Fact]
    public async Task The_event_stream_reports_monotone_progress_until_the_run_completes_and_then_ends()
    {
        var (contentType, events) = await run.Events;
        Assert.Equal("text/event-stream", contentType);
        output.WriteLine(string.Join(Environment.NewLine, events.Select(e => e.ToJsonString())));

        // The stream opened as the run was accepted: it saw the run under way, then its end.
        Assert.True(events.Count >= 2, $"{events.Count} event(s)");

        // Eight subjects and one twin without observations, two scenarios: 18 members, 2 of them failing.
        Assert.All(events, e => Assert.Equal(Total, e["total"]!.GetValue<int>()));
        Assert.All(events, e => Assert.InRange(e["inFlight"]!.GetValue<int>(), 0, CohortRunFixture.MaxInFlight));
        Assert.All(events, e => Assert.InRange(e["failed"]!.GetValue<int>(), 0, e["done"]!.GetValue<int>()));
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i]["done"]!.GetValue<int>() >= events[i - 1]["done"]!.GetValue<int>());
            Assert.True(events[i]["failed"]!.GetValue<int>() >= events[i - 1]["failed"]!.GetValue<int>());

            // An event is sent only when something changed.
            Assert.False(JsonNode.DeepEquals(events[i], events[i - 1]));
        }

        Assert.All(events.SkipLast(1), e => Assert.Equal("running", e["status"]!.GetValue<string>()));
        var last = events[^1];
        Assert.Equal("completed", last["status"]!.GetValue<string>());
        Assert.Equal(Total, last["done"]!.GetValue<int>());
        Assert.Equal(2, last["failed"]!.GetValue<int>());
        Assert.Equal(0, last["inFlight"]!.GetValue<int>());
        Assert.NotNull(last["finishedAt"]);

        // The stream's last word is the run's state.
        var progress = await Json.ReadAsync(await run.Client.GetAsync($"/api/cohorts/{CohortRunFixture.CohortId}/runs/{CohortRunFixture.RunId}"));
        Assert.True(JsonNode.DeepEquals(progress, last), $"{progress.ToJsonString()} vs {last.ToJsonString()}");
    }

    [Fact]
    public async Task The_json_and_csv_exports_aggregate_each_scenario_from_the_members_own_predictions()
    {
        await run.Events; // the run is over
        var members = await MemberEndpointsAsync();
        var json = await Json.ReadAsync(await run.Client.GetAsync(Results));
        Assert.Equal("completed", json["progress"]!["status"]!.GetValue<string>());

        // Per member: status and every numeric endpoint exactly as the member's own scenario prediction has it.
        var jsonMembers = json["members"]!.AsArray();
        Assert.Equal(Total, jsonMembers.Count);
        foreach (var m in jsonMembers)
        {
            var key = ((string)m!["twinId"]!, (string)m["scenarioId"]!);
            Assert.Equal(members[key].Status, (string)m["status"]!);
            var endpoints = m["endpoints"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());
            Assert.Equal(members[key].Endpoints, endpoints);
        }

        // Per scenario: completed and failed counts, and median and 5-95% over the completed members of every endpoint.
        var scenarios = json["scenarios"]!.AsArray();
        Assert.Equal(CohortRunFixture.ScenarioIds, scenarios.Select(s => (string)s!["scenarioId"]!));
        foreach (var scenario in scenarios)
        {
            var id = (string)scenario!["scenarioId"]!;
            var completed = members.Where(m => m.Key.ScenarioId == id && m.Value.Status == "completed").Select(m => m.Value.Endpoints).ToList();
            Assert.Equal(CohortRunFixture.Subjects, completed.Count);
            Assert.Equal(CohortRunFixture.Subjects, scenario["completed"]!.GetValue<int>());
            Assert.Equal(1, scenario["failed"]!.GetValue<int>());
            AssertAggregates(completed, scenario["endpoints"]!.AsArray());
        }

        // The radiotherapy scenario leaves less tumour at the horizon than no treatment, subject by subject and in the median.
        var final = scenarios.ToDictionary(s => (string)s!["scenarioId"]!, s => s!["endpoints"]!.AsArray().Single(e => (string)e!["endpoint"]! == "finalVolumeMl.q50")!);
        Assert.True(final["rt-10x2"]["median"]!.GetValue<double>() < final["untreated"]["median"]!.GetValue<double>());

        // CSV: a header, one row per member with the same values (round-trip format), and the same aggregates.
        var csv = await (await run.Client.GetAsync($"{Results}?format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split(',');
        Assert.Equal(["twinId", "scenarioId", "status"], header[..3]);
        Assert.Equal(Total + 1, lines.Count);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in rows)
        {
            var member = members[(row[0], row[1])];
            Assert.Equal(member.Status, row[2]);
            var endpoints = Enumerable.Range(3, header.Length - 3)
                .Where(c => row[c].Length > 0)
                .ToDictionary(c => header[c], c => double.Parse(row[c], CultureInfo.InvariantCulture));
            Assert.Equal(member.Endpoints, endpoints);
        }

        foreach (var scenario in scenarios)
        {
            var id = (string)scenario!["scenarioId"]!;
            var completed = rows.Where(r => r[1] == id && r[2] == "completed")
                .Select(r => Enumerable.Range(3, header.Length - 3).Where(c => r[c].Length > 0).ToDictionary(c => header[c], c => double.Parse(r[c], CultureInfo.InvariantCulture)))
                .ToList();
            AssertAggregates(completed, scenario["endpoints"]!.AsArray());
        }
    }

    /// <summary>Each summary is the type-7 median, 5% and 95% quantile of the endpoint over the members that have it.</summary>
    private static void AssertAggregates(List<Dictionary<string, double>> completed, JsonArray summaries)
    {
        var keys = completed.SelectMany(e => e.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys, summaries.Select(s => (string)s!["endpoint"]!));
        Assert.Contains("finalVolumeMl.q50", keys);
        Assert.Contains("probabilityOfProgressionByHorizon", keys);
        foreach (var summary in summaries)
        {
            var key = (string)summary!["endpoint"]!;
            var values = completed.Where(e => e.ContainsKey(key)).Select(e => e[key]).Order().ToArray();
            Assert.Equal(values.Length, summary["members"]!.GetValue<int>());
            Assert.Equal(Quantile(values, 0.50), summary["median"]!.GetValue<double>(), 12);
            Assert.Equal(Quantile(values, 0.05), summary["q05"]!.GetValue<double>(), 12);
            Assert.Equal(Quantile(values, 0.95), summary["q95"]!.GetValue<double>(), 12);
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// Every member as its own scenario reports it: status, and the numeric leaves of its prediction's
    /// endpoints as dotted paths (array items by index) plus the last trajectory point's median.
    /// </summary>
    private async Task<Dictionary<(string TwinId, string ScenarioId), (string Status, Dictionary<string, double> Endpoints)>> MemberEndpointsAsync()
    {
        var cohort = await Json.ReadAsync(await run.Client.GetAsync($"/api/cohorts/{CohortRunFixture.CohortId}"));
        var twinIds = cohort["twinIds"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Equal(CohortRunFixture.Subjects + 1, twinIds.Count);
        var members = new Dictionary<(string, string), (string, Dictionary<string, double>)>();
        foreach (var twinId in twinIds)
        {
            foreach (var scenarioId in CohortRunFixture.ScenarioIds)
            {
                var response = await run.Client.GetAsync($"/api/twins/{twinId}/scenarios/{CohortRunFixture.CohortId}-{CohortRunFixture.RunId}-{scenarioId}");
                var endpoints = new Dictionary<string, double>(StringComparer.Ordinal);
                if (!response.IsSuccessStatusCode)
                {
                    // A member the twin refused (no observations) never became a scenario.
                    Assert.Equal(run.EmptyTwinId, twinId);
                    members[(twinId, scenarioId)] = ("failed", endpoints);
                    continue;
                }

                var scenario = await Json.ReadAsync(response);
                Leaves(scenario["prediction"]!["endpoints"], "", endpoints);
                endpoints["finalVolumeMl.q50"] = scenario["prediction"]!["trajectory"]!.AsArray()[^1]!["q50"]!.GetValue<double>();
                members[(twinId, scenarioId)] = ((string)scenario["status"]!, endpoints);
            }
        }

        return members;
    }

    private static void Leaves(JsonNode? node, string prefix, Dictionary<string, double> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    Leaves(v, prefix.Length == 0 ? k : $"{prefix}.{k}", into);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Leaves(a[i], $"{prefix}.{i}", into);
                }

                break;
            case JsonValue v when v.TryGetValue<double>(out var x) && double.IsFinite(x):
                into[prefix] = x;
                break;
        }
    }
}
