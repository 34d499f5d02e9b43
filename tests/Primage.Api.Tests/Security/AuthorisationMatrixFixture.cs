using System.Net;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Twins;
using Primage.Testing;

namespace Primage.Api.Tests.Security;

/// <summary>
/// One running service (small ensembles, so predictions come within seconds) and, for each of the two
/// sites of the matrix, a twin with a stored prediction, two completed scenarios ("s1" untreated, "s2"
/// surgery), a one-window multiscale run "m1", and a cohort holding that twin with a completed run "r1": the routes that read predictions,
/// scenarios and cohorts then answer 200 where allowed, so a 404 on the other site is site isolation and
/// not an empty resource.
/// </summary>
public sealed class AuthorisationMatrixFixture : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public PrimageApp App { get; } = new(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
    {
        ["Primage:Predictions:EnsembleSize"] = "64",
        ["Primage:Predictions:Models:0"] = "gompertz",
        ["Primage:Predictions:HorizonDays"] = "120",
    });

    /// <summary>The prepared resources of a site.</summary>
    public IReadOnlyDictionary<string, SiteWorld> Worlds { get; private set; } = new Dictionary<string, SiteWorld>();

    public async Task InitializeAsync()
    {
        var worlds = new Dictionary<string, SiteWorld>();
        foreach (var site in new[] { "lafe", "erasmus" })
        {
            worlds[site] = await PrepareAsync(site);
        }

        Worlds = worlds;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private async Task<SiteWorld> PrepareAsync(string site)
    {
        using var admin = App.CreateClient();
        var twin = "mx-" + site + "-" + Guid.NewGuid().ToString("N")[..8];
        var cohort = "mx-" + site + "-" + Guid.NewGuid().ToString("N")[..8];
        Expect(HttpStatusCode.Created, await Json.PutAsync(admin, $"/api/twins/{twin}", TwinSamples.Profile.Replace("\"site\": \"lafe\"", $"\"site\": \"{site}\"", StringComparison.Ordinal)));
        Expect(HttpStatusCode.Created, await Json.PostAsync(admin, $"/api/twins/{twin}/observations", TwinSamples.Observation));
        Expect(HttpStatusCode.Created, await Json.PostAsync(admin, $"/api/twins/{twin}/observations",
            """{"observationId": "scan-2", "takenOn": "2024-03-01", "tumourVolumeMl": 101.0}"""));
        await WaitAsync(admin, $"/api/twins/{twin}/prediction", p => p["observationIds"]!.AsArray().Count == 2);

        Expect(HttpStatusCode.Accepted, await Json.PostAsync(admin, $"/api/twins/{twin}/scenarios", """{"scenarioId": "s1", "name": "untreated", "therapies": []}"""));
        Expect(HttpStatusCode.Accepted, await Json.PostAsync(admin, $"/api/twins/{twin}/scenarios",
            """{"scenarioId": "s2", "name": "surgery", "therapies": [{"therapyId": "op", "kind": "surgery", "date": "2024-04-01", "resectedFraction": 0.9}]}"""));
        foreach (var scenario in new[] { "s1", "s2" })
        {
            await WaitAsync(admin, $"/api/twins/{twin}/scenarios/{scenario}", s => (string)s["status"]! == "completed");
        }

        Expect(HttpStatusCode.Accepted, await Json.PostAsync(admin, $"/api/twins/{twin}/multiscale", """{"runId": "m1", "windows": 1, "regions": 1, "agentCapPerRegion": 200}"""));
        await WaitAsync(admin, $"/api/twins/{twin}/multiscale/m1", r => (string)r["status"]! == "completed");

        Expect(HttpStatusCode.OK, await Json.PostAsync(admin, $"/api/cohorts/{cohort}", $$"""{"twinIds": ["{{twin}}"]}"""));
        Expect(HttpStatusCode.Accepted, await Json.PostAsync(admin, $"/api/cohorts/{cohort}/runs",
            """{"runId": "r1", "scenarios": [{"scenarioId": "u", "name": "untreated", "therapies": []}]}"""));
        await WaitAsync(admin, $"/api/cohorts/{cohort}/runs/r1", r => (string)r["status"]! == "completed");
        return new SiteWorld(site, twin, cohort);
    }

    private static void Expect(HttpStatusCode expected, HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    private static async Task WaitAsync(HttpClient client, string url, Func<JsonNode, bool> ready)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode && ready(await Json.ReadAsync(response)))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} was not ready within {Patience}");
    }
}

/// <summary>A site's prepared twin (with a prediction and scenarios s1, s2) and cohort (with run r1).</summary>
public sealed record SiteWorld(string Site, string PredictedTwin, string Cohort);
