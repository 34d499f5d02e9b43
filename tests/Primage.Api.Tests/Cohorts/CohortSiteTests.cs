using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Twins;
using Primage.Testing;

namespace Primage.Api.Tests.Cohorts;

/// <summary>
/// Cohort routes keep site isolation: a researcher works only with twins of the sites its token
/// grants. Another site's twin is answered as a missing one, a cohort holding one is a missing
/// cohort, an import never writes into another site, and the audit trail records cohort accesses.
/// </summary>
public sealed class CohortSiteTests : IAsyncLifetime, IDisposable
{
    private const string Own = "lafe";
    private const string Other = "erasmus";
    private readonly PrimageApp app = new(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
    {
        ["Primage:Predictions:EnsembleSize"] = "32",
        ["Primage:Predictions:Models:0"] = "exponential",
    });

    private HttpClient admin = null!;
    private HttpClient researcher = null!;

    public async Task InitializeAsync()
    {
        admin = app.CreateClient();
        researcher = app.CreateClient("researcher", Own);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    public void Dispose()
    {
        admin?.Dispose();
        researcher?.Dispose();
        app.Dispose();
    }

    private async Task<string> TwinAt(string site)
    {
        var id = TwinSamples.NewId();
        var profile = TwinSamples.Profile.Replace("\"site\": \"lafe\"", $"\"site\": \"{site}\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(admin, $"/api/twins/{id}", profile)).StatusCode);
        return id;
    }

    private static Task<HttpResponseMessage> Create(HttpClient client, string cohort, params string[] twinIds) =>
        Json.PostAsync(client, $"/api/cohorts/{cohort}", new JsonObject { ["twinIds"] = new JsonArray([.. twinIds.Select(t => JsonValue.Create(t))]) }.ToJsonString());

    [Fact]
    public async Task Another_sites_twin_is_answered_as_a_missing_twin_and_nothing_is_created()
    {
        var own = await TwinAt(Own);
        var other = await TwinAt(Other);
        var missing = TwinSamples.NewId();

        var refused = await Create(researcher, "c-mixed", own, other);
        var absent = await Create(researcher, "c-mixed", own, missing);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal(
            (await Json.ReadAsync(absent))["detail"]!.GetValue<string>().Replace(missing, "ID", StringComparison.Ordinal),
            (await Json.ReadAsync(refused))["detail"]!.GetValue<string>().Replace(other, "ID", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/cohorts/c-mixed")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Create(researcher, "c-own", own)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync("/api/cohorts/c-own")).StatusCode);
    }

    [Fact]
    public async Task A_cohort_with_a_twin_of_a_site_not_granted_is_a_missing_cohort_on_every_route()
    {
        var other = await TwinAt(Other);
        Assert.Equal(HttpStatusCode.OK, (await Create(admin, "c-other", other)).StatusCode);
        const string Run = """{"runId": "r1", "scenarios": [{"scenarioId": "untreated", "name": "untreated", "therapies": []}]}""";
        Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(admin, "/api/cohorts/c-other/runs", Run)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync("/api/cohorts/c-other")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PostAsync(researcher, "/api/cohorts/c-other/runs", Run.Replace("r1", "r2", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync("/api/cohorts/c-other/runs/r1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync("/api/cohorts/c-other/runs/r1/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync("/api/cohorts/c-other/runs/r1/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.PostAsync("/api/cohorts/c-other/runs/r1/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.PostAsync("/api/cohorts/c-other/runs/r1/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Create(researcher, "c-other", await TwinAt(Own))).StatusCode);

        // The admin still sees it, with its single member: the researcher's attempts changed nothing.
        var cohort = await Json.ReadAsync(await admin.GetAsync("/api/cohorts/c-other"));
        Assert.Equal([other], cohort["twinIds"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/cohorts/c-other/runs/r1")).StatusCode);
    }

    [Fact]
    public async Task An_import_writes_only_twins_of_granted_sites_and_is_audited()
    {
        // An existing twin of another site under the id that the import would use.
        var profile = TwinSamples.Profile.Replace("\"site\": \"lafe\"", $"\"site\": \"{Other}\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(admin, "/api/twins/imp-s2", profile)).StatusCode);
        var before = (await Json.ReadAsync(await admin.GetAsync("/api/twins/imp-s2"))).ToJsonString();

        var imported = await Import(researcher, "imp", "subject,time,volume\ns1,0,2000\ns1,7,2500\ns2,0,900\n");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var body = await Json.ReadAsync(imported);
        Assert.Equal(["imp-s1"], body["twinIds"]!.AsArray().Select(t => (string)t!));
        Assert.Contains(body["errors"]!.AsArray(), e => ((string)e!).Contains("imp-s2", StringComparison.Ordinal));

        // The new twin is of the token's site; the other site's twin is exactly as it was.
        var created = await Json.ReadAsync(await admin.GetAsync("/api/twins/imp-s1"));
        Assert.Equal(Own, (string)created["profile"]!["site"]!);
        Assert.Equal(2, created["observations"]!.AsArray().Count);
        Assert.Equal(before, (await Json.ReadAsync(await admin.GetAsync("/api/twins/imp-s2"))).ToJsonString());

        // A site that the token does not grant is refused for every subject: nothing is created.
        var elsewhere = await Json.ReadAsync(await Import(researcher, "imp2", "subject,time,volume,site\ns9,0,2000,erasmus\n", "?site=erasmus"));
        Assert.Empty(elsewhere["twinIds"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/twins/imp2-s9")).StatusCode);

        var audit = await Json.ReadAsync(await admin.GetAsync("/api/audit?twinId=imp-s1"));
        Assert.Contains(audit["items"]!.AsArray(), e => (string)e!["action"]! == "POST /api/cohorts/{cohortId}/import" && (string)e["role"]! == "researcher");
    }

    private static async Task<HttpResponseMessage> Import(HttpClient client, string cohort, string csv, string query = "")
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await client.PostAsync($"/api/cohorts/{cohort}/import{query}", content);
    }
}
