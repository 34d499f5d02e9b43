using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Tests.Twins;
using Primage.Testing;

namespace Primage.Api.Tests.Security;

/// <summary>
/// Every role against every /api route, on resources of its own site ("lafe") and of another site
/// ("erasmus"), with the expected status; then the audit trail holds each audited access, with its route
/// and outcome. A separate test fails when a route exists that the matrix does not list.
/// </summary>
public sealed class AuthorisationMatrixTests(AuthorisationMatrixFixture fixture) : IClassFixture<AuthorisationMatrixFixture>
{
    private const string Own = "lafe";
    private const string Other = "erasmus";

    /// <summary>What a call acts on: a site, a fresh twin of it (made per role), and the site's prepared world.</summary>
    private sealed record Target(string Site, string FreshTwin, SiteWorld World);

    /// <summary>Which twin's trail records a call: the fresh twin, the prepared one, the cohort members (on success only), or none checked.</summary>
    private enum Audited
    {
        None,
        FreshTwin,
        PredictedTwin,
        MembersOnSuccess,
        FreshTwinWhenIngesting,
    }

    /// <summary>One row: the route (method and pattern, as the audit trail names it), how to call it, what is audited, and the status per role on (own, other).</summary>
    private sealed record Route(string Pattern, Func<HttpClient, Target, Task<HttpResponseMessage>> Call, Audited Audit,
        Dictionary<string, (HttpStatusCode Own, HttpStatusCode Other)> Expected, string? Variant = null)
    {
        public string Name => Variant is null ? Pattern : $"{Pattern} ({Variant})";
    }

    private static readonly HttpStatusCode Ok = HttpStatusCode.OK;
    private static readonly HttpStatusCode Created = HttpStatusCode.Created;
    private static readonly HttpStatusCode Accepted = HttpStatusCode.Accepted;
    private static readonly HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private static readonly HttpStatusCode NotFound = HttpStatusCode.NotFound;

    private static string ProfileFor(string site) => TwinSamples.Profile.Replace("\"site\": \"lafe\"", $"\"site\": \"{site}\"", StringComparison.Ordinal);

    private static string ObservationWith(string id) => TwinSamples.Observation.Replace("scan-1", id, StringComparison.Ordinal);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Twin resource: clinicians and integrations of the site write, clinicians read, researchers never see it.</summary>
    private static Dictionary<string, (HttpStatusCode, HttpStatusCode)> Reads() => new()
    {
        ["clinician"] = (Ok, NotFound), ["integration"] = (Forbidden, Forbidden), ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
    };

    private static Dictionary<string, (HttpStatusCode, HttpStatusCode)> Writes(HttpStatusCode success) => new()
    {
        ["clinician"] = (success, NotFound), ["integration"] = (success, NotFound), ["researcher"] = (Forbidden, Forbidden), ["admin"] = (success, success),
    };

    /// <summary>Predictions and scenarios: clinicians of the site and researchers granted it.</summary>
    private static Dictionary<string, (HttpStatusCode, HttpStatusCode)> Research(HttpStatusCode success) => new()
    {
        ["clinician"] = (success, NotFound), ["integration"] = (Forbidden, Forbidden), ["researcher"] = (success, NotFound), ["admin"] = (success, success),
    };

    /// <summary>Cohorts: researchers and admins only; a cohort with a member of an ungranted site is a missing cohort.</summary>
    private static Dictionary<string, (HttpStatusCode, HttpStatusCode)> Cohorts(HttpStatusCode success, HttpStatusCode other = HttpStatusCode.NotFound) => new()
    {
        ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Forbidden, Forbidden), ["researcher"] = (success, other), ["admin"] = (success, success),
    };

    private static readonly Route[] Routes =
    [
        // The twin resource, on a twin made for this role.
        new("GET /api/twins/{id}", (c, t) => c.GetAsync($"/api/twins/{t.FreshTwin}"), Audited.FreshTwin, Reads()),
        new("POST /api/twins/{id}/observations", (c, t) => Json.PostAsync(c, $"/api/twins/{t.FreshTwin}/observations", ObservationWith(Unique("o"))), Audited.FreshTwin, Writes(Created)),
        new("POST /api/twins/{id}/therapies", (c, t) => Json.PostAsync(c, $"/api/twins/{t.FreshTwin}/therapies", TwinSamples.Surgery.Replace("op-1", Unique("t"), StringComparison.Ordinal)), Audited.FreshTwin, Writes(Created)),
        // The body's site is the twin's own, so the profile is unchanged: 200.
        new("PUT /api/twins/{id}", (c, t) => Json.PutAsync(c, $"/api/twins/{t.FreshTwin}", ProfileFor(t.Site)), Audited.FreshTwin, Writes(Ok), "existing twin"),
        new("PUT /api/twins/{id}", (c, t) => Json.PutAsync(c, $"/api/twins/{TwinSamples.NewId()}", ProfileFor(t.Site)), Audited.None, new()
        {
            // Naming a site the token does not grant is 403: the site is the caller's own input.
            ["clinician"] = (Created, Forbidden), ["integration"] = (Created, Forbidden), ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Created, Created),
        }, "new twin"),
        new("POST /api/fhir", (c, t) => PostFhir(c, t.FreshTwin, t.Site), Audited.FreshTwinWhenIngesting, new()
        {
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Ok, Forbidden), ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),

        // Predictions, on the site's twin that has one.
        new("GET /api/twins/{id}/prediction", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/prediction"), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/predictions", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/predictions"), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/predictions/{version:int}", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/predictions/1"), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/events", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/events", HttpCompletionOption.ResponseHeadersRead), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/endpoints", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/endpoints"), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/fhir/risk-assessment", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/fhir/risk-assessment"), Audited.PredictedTwin, Research(Ok)),
        new("POST /api/twins/{id}/predictions/{version:int}/replay", (c, t) => c.PostAsync($"/api/twins/{t.World.PredictedTwin}/predictions/1/replay", null), Audited.PredictedTwin, new()
        {
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Forbidden, Forbidden), ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),

        // Scenarios of that twin.
        new("GET /api/twins/{id}/scenarios", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/scenarios"), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/scenarios/{scenarioId}", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/scenarios/s1"), Audited.PredictedTwin, Research(Ok)),
        new("GET /api/twins/{id}/scenarios/compare", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/scenarios/compare?ids=s1,s2&date=2024-05-01"), Audited.PredictedTwin, Research(Ok)),
        new("POST /api/twins/{id}/scenarios", (c, t) => Json.PostAsync(c, $"/api/twins/{t.World.PredictedTwin}/scenarios", $$"""{"scenarioId": "{{Unique("m")}}", "name": "untreated", "therapies": []}"""), Audited.PredictedTwin, Research(Accepted)),

        // Multiscale runs of that twin: a bad body (400 once access is granted, so no run is started per role) and the prepared run "m1".
        new("POST /api/twins/{id}/multiscale", (c, t) => Json.PostAsync(c, $"/api/twins/{t.World.PredictedTwin}/multiscale", """{"windows": 0}"""), Audited.PredictedTwin, Research(HttpStatusCode.BadRequest)),
        new("GET /api/twins/{id}/multiscale/{runId}", (c, t) => c.GetAsync($"/api/twins/{t.World.PredictedTwin}/multiscale/m1"), Audited.PredictedTwin, Research(Ok)),

        // Lists and the audit trail.
        new("GET /api/twins", (c, t) => c.GetAsync($"/api/twins?site={t.Site}"), Audited.None, new()
        {
            ["clinician"] = (Ok, Forbidden), ["integration"] = (Forbidden, Forbidden), ["researcher"] = (Ok, Forbidden), ["admin"] = (Ok, Ok),
        }),
        new("GET /api/audit", (c, t) => c.GetAsync($"/api/audit?twinId={t.FreshTwin}"), Audited.None, new()
        {
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Forbidden, Forbidden), ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),

        // Cohorts: the site's cohort (its member is the site's twin) and its run r1.
        new("GET /api/cohorts/{cohortId}", (c, t) => c.GetAsync($"/api/cohorts/{t.World.Cohort}"), Audited.None, Cohorts(Ok)),
        new("POST /api/cohorts/{cohortId}", (c, t) => Json.PostAsync(c, $"/api/cohorts/{Unique("mc-")}", $$"""{"twinIds": ["{{t.World.PredictedTwin}}"]}"""), Audited.MembersOnSuccess, Cohorts(Ok)),
        new("POST /api/cohorts/{cohortId}/import", (c, t) => PostImport(c, Unique("mi-"), t.Site), Audited.None, Cohorts(Ok, Ok)),
        new("POST /api/cohorts/{cohortId}/runs", (c, t) => Json.PostAsync(c, $"/api/cohorts/{t.World.Cohort}/runs",
            $$"""{"runId": "{{Unique("r")}}", "scenarios": [{"scenarioId": "u", "name": "untreated", "therapies": []}]}"""), Audited.None, Cohorts(Accepted)),
        new("GET /api/cohorts/{cohortId}/runs/{runId}", (c, t) => c.GetAsync($"/api/cohorts/{t.World.Cohort}/runs/r1"), Audited.None, Cohorts(Ok)),
        new("GET /api/cohorts/{cohortId}/runs/{runId}/events", (c, t) => c.GetAsync($"/api/cohorts/{t.World.Cohort}/runs/r1/events", HttpCompletionOption.ResponseHeadersRead), Audited.None, Cohorts(Ok)),
        new("POST /api/cohorts/{cohortId}/runs/{runId}/cancel", (c, t) => c.PostAsync($"/api/cohorts/{t.World.Cohort}/runs/r1/cancel", null), Audited.None, Cohorts(Ok)),
        new("POST /api/cohorts/{cohortId}/runs/{runId}/resume", (c, t) => c.PostAsync($"/api/cohorts/{t.World.Cohort}/runs/r1/resume", null), Audited.None, Cohorts(Ok)),
        new("GET /api/cohorts/{cohortId}/runs/{runId}/results", (c, t) => c.GetAsync($"/api/cohorts/{t.World.Cohort}/runs/r1/results"), Audited.MembersOnSuccess, Cohorts(Ok)),
    ];

    public static TheoryData<string> RoleNames() => ["clinician", "integration", "researcher", "admin"];

    [Fact]
    public void TheMatrixListsEveryApiRoute()
    {
        var listed = Routes.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);
        var routes = fixture.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(routes.Count >= 27, $"only {routes.Count} routes found");
        var unlisted = routes.Where(r => !listed.Contains(r)).ToList();
        var stale = listed.Where(r => !routes.Contains(r)).ToList();
        Assert.True(unlisted.Count == 0, "routes missing from the matrix: " + string.Join(", ", unlisted));
        Assert.True(stale.Count == 0, "matrix rows for routes that do not exist: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(RoleNames))]
    public async Task EveryRouteAnswersTheExpectedStatusOnOwnAndOtherSiteAndIsAudited(string role)
    {
        var app = fixture.App;
        var own = new Target(Own, await CreateTwinAsync(Own), fixture.Worlds[Own]);
        var other = new Target(Other, await CreateTwinAsync(Other), fixture.Worlds[Other]);
        var sites = role == "researcher" ? new[] { Own, "gosh" } : role == "admin" ? [] : new[] { Own };
        var subject = $"{role}-{Guid.NewGuid():N}"[..24];
        using var client = app.CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.Token(role, subject, sites));

        var expectedAudit = new List<(string Twin, string Action, int Status)>();
        foreach (var route in Routes)
        {
            foreach (var (target, want) in new[] { (own, route.Expected[role].Own), (other, route.Expected[role].Other) })
            {
                using var response = await route.Call(client, target);
                Assert.True(want == response.StatusCode, $"{role} {route.Name} on {target.Site}: expected {(int)want}, got {(int)response.StatusCode}");
                var success = (int)want is >= 200 and < 300;
                var audited = route.Audit switch
                {
                    Audited.FreshTwin => target.FreshTwin,
                    Audited.PredictedTwin => target.World.PredictedTwin,
                    Audited.MembersOnSuccess when success => target.World.PredictedTwin,
                    // FHIR bundles are audited on their twin once the request reaches the ingestion (roles that may ingest).
                    Audited.FreshTwinWhenIngesting when role is "integration" or "admin" => target.FreshTwin,
                    _ => null,
                };
                if (audited is not null)
                {
                    expectedAudit.Add((audited, route.Pattern, (int)want));
                }
            }
        }

        // The audit trail (read as admin) holds one entry per audited access by this subject, in order, with its route and outcome.
        using var admin = app.CreateClient();
        foreach (var twin in expectedAudit.Select(e => e.Twin).Distinct())
        {
            var page = await Json.ReadAsync(await admin.GetAsync($"/api/audit?twinId={twin}&take=1000"));
            var mine = page["items"]!.AsArray().Where(e => e!["subject"]!.GetValue<string>() == subject).ToList();
            var want = expectedAudit.Where(e => e.Twin == twin).ToList();
            Assert.True(want.Count == mine.Count, $"{role} on {twin}: expected {want.Count} audit entries ({string.Join(", ", want.Select(w => w.Action))}), found {mine.Count} ({string.Join(", ", mine.Select(m => (string)m!["action"]!))})");
            for (var i = 0; i < want.Count; i++)
            {
                Assert.Equal(want[i].Action, mine[i]!["action"]!.GetValue<string>());
                Assert.Equal(want[i].Status, mine[i]!["status"]!.GetValue<int>());
                Assert.Equal(role, mine[i]!["role"]!.GetValue<string>());
                Assert.Equal(twin, mine[i]!["twinId"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task EveryApiRouteAnswers401WithoutAValidToken()
    {
        var target = new Target(Own, await CreateTwinAsync(Own), fixture.Worlds[Own]);
        using var anonymous = fixture.App.CreateAnonymousClient();
        using var forged = fixture.App.CreateAnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", ForgedToken());
        foreach (var client in new[] { anonymous, forged })
        {
            foreach (var route in Routes)
            {
                using var response = await route.Call(client, target);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Name}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task ATwinOfAnotherSiteAnswersExactlyLikeAMissingTwin()
    {
        var other = await CreateTwinAsync(Other);
        var missing = TwinSamples.NewId();
        using var clinician = fixture.App.CreateClient("clinician", Own);
        var hidden = await clinician.GetAsync($"/api/twins/{other}");
        var absent = await clinician.GetAsync($"/api/twins/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        var a = await Json.ReadAsync(hidden);
        var b = await Json.ReadAsync(absent);
        Assert.Equal(b["title"]!.GetValue<string>(), a["title"]!.GetValue<string>());
        Assert.Equal($"No twin '{other}'.", a["detail"]!.GetValue<string>());
        Assert.Equal($"No twin '{missing}'.", b["detail"]!.GetValue<string>());
        Assert.Equal(
            b.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal),
            a.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static Task<HttpResponseMessage> PostImport(HttpClient client, string cohortId, string site)
    {
        var content = new StringContent("subject\ttime\tvolume\n1\t0\t100\n1\t7\t130\n", Encoding.UTF8, "text/csv");
        return client.PostAsync($"/api/cohorts/{cohortId}/import?site={site}", content);
    }

    private static Task<HttpResponseMessage> PostFhir(HttpClient client, string twinId, string site)
    {
        var bundle = Fhir.FhirSamples.Bundle("transaction", Fhir.FhirSamples.Patient(twinId, site), Fhir.FhirSamples.Volume("f" + Guid.NewGuid().ToString("N")[..8], "2024-02-01"));
        var content = new StringContent(bundle, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new("application/fhir+json");
        return client.PostAsync("/api/fhir", content);
    }

    private async Task<string> CreateTwinAsync(string site)
    {
        var id = TwinSamples.NewId();
        using var admin = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(admin, $"/api/twins/{id}", ProfileFor(site))).StatusCode);
        return id;
    }

    /// <summary>A well-formed token signed with a different key.</summary>
    private static string ForgedToken()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[48]);
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "primage",
            Audience = "primage-api",
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "admin" },
            SigningCredentials = new(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }

}
