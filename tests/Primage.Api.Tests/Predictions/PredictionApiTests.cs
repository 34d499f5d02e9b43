using System.Net;
using System.Text.Json.Nodes;
using Primage.Testing;

namespace Primage.Api.Tests.Predictions;

public sealed class PredictionApiTests(PredictionAppFixture fixture) : IClassFixture<PredictionAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task AnObservationYieldsANewVersionWithProvenanceSeenByPollingAndByTheEventStream()
    {
        var id = await NewTwinAsync();
        using var events = await Client.GetAsync($"/api/twins/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/twins/{id}/prediction")).StatusCode);
        await PostObservationAsync(id, "s1", "2024-02-01", 120);
        await PostObservationAsync(id, "s2", "2024-03-01", 90);

        var latest = await WaitForVersionAsync(id, v => v["observationIds"]!.AsArray().Count == 2);
        var version = latest["version"]!.GetValue<int>();
        Assert.True(version >= 1);
        var provenance = latest["provenance"]!;
        Assert.Equal(64, provenance["inputHash"]!.GetValue<string>().Length);
        Assert.Equal("local", provenance["backend"]!.GetValue<string>());
        Assert.StartsWith("smc-", provenance["modelVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(provenance["kernelVersion"]!.GetValue<string>()));
        Assert.True(provenance["seed"]!.GetValue<long>() > 0);

        // The trajectory is ordered quantiles by date, starting at the first observation.
        var trajectory = latest["trajectory"]!.AsArray();
        Assert.Equal("2024-02-01", trajectory[0]!["date"]!.GetValue<string>());
        foreach (var point in trajectory)
        {
            var q = new[] { "q05", "q25", "q50", "q75", "q95" }.Select(k => point![k]!.GetValue<double>()).ToArray();
            Assert.True(q.Zip(q.Skip(1)).All(p => p.First <= p.Second) && q[0] > 0);
        }

        // The stream announced every version up to the latest, in order.
        var announced = new List<int>();
        while (announced.Count == 0 || announced[^1] < version)
        {
            var line = await reader.ReadLineAsync().WaitAsync(Patience);
            if (line?.StartsWith("data:", StringComparison.Ordinal) == true)
            {
                announced.Add(JsonNode.Parse(line[5..])!["version"]!.GetValue<int>());
            }
        }

        Assert.Equal(Enumerable.Range(announced[0], announced.Count), announced);
        var twin = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}"));
        Assert.True(twin["prediction"]!["version"]!.GetValue<int>() >= version);
    }

    [Fact]
    public async Task TenObservationsAtOnceYieldAtMostTenVersionsAndTheLastReflectsAllTen()
    {
        var id = await NewTwinAsync();
        var posts = Enumerable.Range(1, 10).Select(k =>
            PostObservationAsync(id, $"s{k:00}", new DateOnly(2024, 1, 10).AddDays(7 * k).ToString("yyyy-MM-dd"), 100 * Math.Exp(0.02 * 7 * k)));
        await Task.WhenAll(posts);

        var latest = await WaitForVersionAsync(id, v => v["observationIds"]!.AsArray().Count == 10);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var page = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/predictions?take=100"));
        var total = page["total"]!.GetValue<int>();
        Assert.InRange(total, 1, 10);
        var versions = page["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, total).Reverse(), versions);
        Assert.Equal(total, latest["version"]!.GetValue<int>());
        Assert.Equal(10, latest["observationIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task RejectedInputLeavesThePredictionsUnchanged()
    {
        var id = await NewTwinAsync();
        await PostObservationAsync(id, "s1", "2024-02-01", 50);
        await WaitForVersionAsync(id, _ => true);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await Client.GetStringAsync($"/api/twins/{id}/predictions?take=100");

        var bad = await Json.PostAsync(Client, $"/api/twins/{id}/observations", """{"observationId": "bad", "takenOn": "2024-03-01", "tumourVolumeMl": -1}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(before, await Client.GetStringAsync($"/api/twins/{id}/predictions?take=100"));
    }

    [Fact]
    public async Task ReplayingAStoredPredictionReproducesItExactly()
    {
        var id = await NewTwinAsync();
        await PostObservationAsync(id, "s1", "2024-02-01", 70);
        await PostObservationAsync(id, "s2", "2024-02-20", 60);
        var latest = await WaitForVersionAsync(id, v => v["observationIds"]!.AsArray().Count == 2);
        var version = latest["version"]!.GetValue<int>();

        var replay = await Json.ReadAsync(await Client.PostAsync($"/api/twins/{id}/predictions/{version}/replay", null));
        Assert.True(replay["identical"]!.GetValue<bool>());
        Assert.Equal(latest["provenance"]!["stepId"]!.GetValue<string>(), replay["stepId"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownVersionsAndTwinsAre404()
    {
        var id = await NewTwinAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/twins/{id}/predictions/7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/twins/nobody-here/prediction")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/api/twins/{id}/predictions?take=0")).StatusCode);
    }

    private async Task<string> NewTwinAsync()
    {
        var id = "pred-" + Guid.NewGuid().ToString("N")[..10];
        var response = await Json.PutAsync(Client, $"/api/twins/{id}", """{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private async Task PostObservationAsync(string id, string observationId, string takenOn, double volume)
    {
        var response = await Json.PostAsync(Client, $"/api/twins/{id}/observations", new { observationId, takenOn, tumourVolumeMl = volume });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<JsonNode> WaitForVersionAsync(string id, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Client.GetAsync($"/api/twins/{id}/prediction");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var latest = await Json.ReadAsync(response);
                if (done(latest))
                {
                    return latest;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No matching prediction for twin {id} within {Patience}.");
    }
}
