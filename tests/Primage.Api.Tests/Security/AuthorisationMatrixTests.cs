using System.Net;
using Primage.Api.Tests.Infrastructure;
using Primage.Api.Tests.Twins;
using Primage.Testing;

namespace Primage.Api.Tests.Security;

/// <summary>
/// Every role against every route, on a twin of its own site ("lafe") and of another site
/// ("erasmus"), with the expected status; then the audit trail holds each twin access.
/// </summary>
public sealed class AuthorisationMatrixTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Own = "lafe";
    private const string Other = "erasmus";

    /// <summary>One route: how to call it for a twin id, and the expected status per role on (own, other).</summary>
    private sealed record Route(string Name, Func<HttpClient, string, string, Task<HttpResponseMessage>> Call, bool TwinBound,
        Dictionary<string, (HttpStatusCode Own, HttpStatusCode Other)> Expected);

    private static readonly HttpStatusCode Ok = HttpStatusCode.OK;
    private static readonly HttpStatusCode Created = HttpStatusCode.Created;
    private static readonly HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private static readonly HttpStatusCode NotFound = HttpStatusCode.NotFound;

    private static string ProfileFor(string site) => TwinSamples.Profile.Replace("\"site\": \"lafe\"", $"\"site\": \"{site}\"", StringComparison.Ordinal);

    private static string ObservationWith(string id) => TwinSamples.Observation.Replace("scan-1", id, StringComparison.Ordinal);

    private static readonly Route[] Routes =
    [
        new("GET risk assessment", (c, id, _) => c.GetAsync($"/api/twins/{id}/fhir/risk-assessment"), true, new()
        {
            // First in the table: no observation has been posted yet, so no prediction exists and allowed callers see 404; the role check comes first.
            ["clinician"] = (NotFound, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (NotFound, NotFound), ["admin"] = (NotFound, NotFound),
        }),
        new("GET twin", (c, id, _) => c.GetAsync($"/api/twins/{id}"), true, new()
        {
            ["clinician"] = (Ok, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),
        new("POST observation", (c, id, _) => Json.PostAsync(c, $"/api/twins/{id}/observations", ObservationWith("o" + Guid.NewGuid().ToString("N")[..8])), true, new()
        {
            ["clinician"] = (Created, NotFound), ["integration"] = (Created, NotFound),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Created, Created),
        }),
        new("POST therapy", (c, id, _) => Json.PostAsync(c, $"/api/twins/{id}/therapies", TwinSamples.Surgery.Replace("op-1", "t" + Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal)), true, new()
        {
            ["clinician"] = (Created, NotFound), ["integration"] = (Created, NotFound),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Created, Created),
        }),
        new("PUT existing twin", (c, id, site) => Json.PutAsync(c, $"/api/twins/{id}", ProfileFor(site)), true, new()
        {
            // The body's site is the twin's own, so the profile is unchanged: 200.
            ["clinician"] = (Ok, NotFound), ["integration"] = (Ok, NotFound),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),
        new("PUT new twin for a site", (c, _, site) => Json.PutAsync(c, $"/api/twins/{TwinSamples.NewId()}", ProfileFor(site)), false, new()
        {
            ["clinician"] = (Created, Forbidden), ["integration"] = (Created, Forbidden),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Created, Created),
        }),
        new("GET predictions", (c, id, _) => c.GetAsync($"/api/twins/{id}/predictions"), true, new()
        {
            ["clinician"] = (Ok, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Ok, NotFound), ["admin"] = (Ok, Ok),
        }),
        new("GET clinical endpoints", (c, id, _) => c.GetAsync($"/api/twins/{id}/endpoints"), true, new()
        {
            ["clinician"] = (Ok, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Ok, NotFound), ["admin"] = (Ok, Ok),
        }),
        new("GET events", (c, id, _) => c.GetAsync($"/api/twins/{id}/events", HttpCompletionOption.ResponseHeadersRead), true, new()
        {
            ["clinician"] = (Ok, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Ok, NotFound), ["admin"] = (Ok, Ok),
        }),
        new("POST replay", (c, id, _) => c.PostAsync($"/api/twins/{id}/predictions/999999/replay", null), true, new()
        {
            // Replay is for admins; version 999999 never exists, so admins see 404.
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (NotFound, NotFound),
        }),
        new("POST FHIR bundle", (c, id, site) => PostFhir(c, id, site), false, new()
        {
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Ok, Forbidden),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),
        new("GET twins of a site", (c, _, site) => c.GetAsync($"/api/twins?site={site}"), false, new()
        {
            ["clinician"] = (Ok, Forbidden), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Ok, Forbidden), ["admin"] = (Ok, Ok),
        }),
        new("GET scenarios", (c, id, _) => c.GetAsync($"/api/twins/{id}/scenarios"), true, new()
        {
            ["clinician"] = (Ok, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Ok, NotFound), ["admin"] = (Ok, Ok),
        }),
        new("POST multiscale run", (c, id, _) => Json.PostAsync(c, $"/api/twins/{id}/multiscale", """{"windows": 0}"""), true, new()
        {
            // Access is checked before the body, so allowed callers get the body's validation problem (and no run starts).
            ["clinician"] = (HttpStatusCode.BadRequest, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (HttpStatusCode.BadRequest, NotFound), ["admin"] = (HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
        }),
        new("GET multiscale run", (c, id, _) => c.GetAsync($"/api/twins/{id}/multiscale/no-such-run"), true, new()
        {
            ["clinician"] = (NotFound, NotFound), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (NotFound, NotFound), ["admin"] = (NotFound, NotFound),
        }),
        new("GET cohort", (c, _, _) => c.GetAsync($"/api/cohorts/no-such-cohort-{Guid.NewGuid():N}"), false, new()
        {
            // Researchers and admins may read cohorts; this one does not exist.
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (NotFound, NotFound), ["admin"] = (NotFound, NotFound),
        }),
        new("GET audit", (c, id, _) => c.GetAsync($"/api/audit?twinId={id}"), false, new()
        {
            ["clinician"] = (Forbidden, Forbidden), ["integration"] = (Forbidden, Forbidden),
            ["researcher"] = (Forbidden, Forbidden), ["admin"] = (Ok, Ok),
        }),
    ];

    public static TheoryData<string> RoleNames() => ["clinician", "integration", "researcher", "admin"];

    [Theory]
    [MemberData(nameof(RoleNames))]
    public async Task EveryRouteAnswersTheExpectedStatusOnOwnAndOtherSiteAndIsAudited(string role)
    {
        var app = fixture.App;
        var ownTwin = await CreateTwinAsync(Own);
        var otherTwin = await CreateTwinAsync(Other);
        var sites = role == "researcher" ? new[] { Own, "gosh" } : role == "admin" ? [] : new[] { Own };
        var subject = $"{role}-{Guid.NewGuid():N}"[..24];
        using var client = app.CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.Token(role, subject, sites));

        var expectedAudit = new List<(string Twin, string Action, int Status)>();
        foreach (var route in Routes)
        {
            foreach (var (twin, site, want) in new[] { (ownTwin, Own, route.Expected[role].Own), (otherTwin, Other, route.Expected[role].Other) })
            {
                using var response = await route.Call(client, twin, site);
                Assert.True(want == response.StatusCode, $"{role} {route.Name} on {site}: expected {(int)want}, got {(int)response.StatusCode}");
                // FHIR bundles are audited on their twin once the request reaches the ingestion (roles that may ingest).
                if (route.TwinBound || (route.Name == "POST FHIR bundle" && role is "integration" or "admin"))
                {
                    expectedAudit.Add((twin, route.Name, (int)want));
                }
            }
        }

        // The audit trail (read as admin) holds one entry per twin-bound access by this subject, with its outcome.
        using var admin = app.CreateClient();
        foreach (var twin in new[] { ownTwin, otherTwin })
        {
            var page = await Json.ReadAsync(await admin.GetAsync($"/api/audit?twinId={twin}"));
            var mine = page["items"]!.AsArray().Where(e => e!["subject"]!.GetValue<string>() == subject).ToList();
            var want = expectedAudit.Where(e => e.Twin == twin).ToList();
            Assert.Equal(want.Count, mine.Count);
            for (var i = 0; i < want.Count; i++)
            {
                Assert.Equal(want[i].Status, mine[i]!["status"]!.GetValue<int>());
                Assert.Equal(role, mine[i]!["role"]!.GetValue<string>());
                Assert.Equal(twin, mine[i]!["twinId"]!.GetValue<string>());
                Assert.StartsWith(want[i].Action.Split(' ')[0], mine[i]!["action"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task EveryApiRouteAnswers401WithoutAValidToken()
    {
        var twin = await CreateTwinAsync(Own);
        using var anonymous = fixture.App.CreateAnonymousClient();
        using var forged = fixture.App.CreateAnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", ForgedToken());
        foreach (var client in new[] { anonymous, forged })
        {
            foreach (var route in Routes)
            {
                using var response = await route.Call(client, twin, Own);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
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
