using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Primage.Testing;

namespace Primage.Api.Tests.Cohorts;

/// <summary>
/// One small cohort run through the real service (local backend, SQLite): eight imported subjects and
/// a twin without observations (whose members fail), two scenarios, one member in flight at a time, so the run lasts long enough
/// for the stream to see it under way.
/// The progress stream is opened as soon as the run is accepted and read to its end in the background.
/// </summary>
public sealed class CohortRunFixture : IAsyncLifetime, IDisposable
{
    public const string CohortId = "ev";
    public const string RunId = "r1";
    public const int MaxInFlight = 1;
    public const int Subjects = 8;

    public static readonly string[] ScenarioIds = ["untreated", "rt-10x2"];

    private const string Scenarios = """
        {"runId": "r1", "maxInFlight": 1, "scenarios": [
          {"scenarioId": "untreated", "name": "untreated", "therapies": []},
          {"scenarioId": "rt-10x2", "name": "10 x 2 Gy", "therapies": [{"therapyId": "rt", "kind": "radiotherapy", "start": "2024-01-22", "dosePerFractionGy": 2.0, "fractions": 10, "fractionsPerWeek": 5}]}]}
        """;

    private readonly PrimageApp _app = new(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
    {
        ["Primage:Predictions:EnsembleSize"] = "128",
        ["Primage:Predictions:Models:0"] = "exponential",
        ["Primage:Predictions:Models:1"] = "gompertz",
        ["Primage:Predictions:HorizonDays"] = "180",
        ["Primage:Predictions:OutputStepDays"] = "7",
    });

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The id of the member twin that has no observations.</summary>
    public string EmptyTwinId { get; } = $"{CohortId}-empty";

    /// <summary>The "progress" events of the run's stream, in order, with the content type of the response.</summary>
    public Task<(string? ContentType, List<JsonNode> Events)> Events { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = _app.CreateClient();

        // Eight subjects scanned on days 0, 7 and 14, growing 2-6% a day from 4-11 mL (mm^3 in the file).
        var csv = new StringBuilder("subject,time,volume\n");
        for (var s = 1; s <= Subjects; s++)
        {
            var v0 = 3000.0 + (1000.0 * s);
            var rate = 0.02 + (0.005 * s);
            foreach (var day in new[] { 0, 7, 14 })
            {
                csv.Append($"s{s},{day},{v0 * Math.Exp(rate * day):F1}\n");
            }
        }

        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        var imported = await Client.PostAsync($"/api/cohorts/{CohortId}/import?baseDate=2024-01-01&diagnosis=neuroblastoma", content);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        await Json.PutAsync(Client, $"/api/twins/{EmptyTwinId}", Twins.TwinSamples.Profile);
        Assert.Equal(HttpStatusCode.OK, (await Json.PostAsync(Client, $"/api/cohorts/{CohortId}", $$"""{"twinIds": ["{{EmptyTwinId}}"]}""")).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(Client, $"/api/cohorts/{CohortId}/runs", Scenarios)).StatusCode);
        Events = ReadEventsAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose()
    {
        Client?.Dispose();
        _app.Dispose();
    }

    private async Task<(string? ContentType, List<JsonNode> Events)> ReadEventsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var response = await Client.GetAsync($"/api/cohorts/{CohortId}/runs/{RunId}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<JsonNode>();
        string? name = null;
        var data = new StringBuilder();

        // Server-sent events: "event:" and "data:" lines, a blank line ends an event; the server closes
        // the stream after the last one.
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    Assert.Equal("progress", name);
                    events.Add(JsonNode.Parse(data.ToString())!);
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line["data:".Length..].TrimStart());
            }
        }

        return (response.Content.Headers.ContentType?.MediaType, events);
    }
}
