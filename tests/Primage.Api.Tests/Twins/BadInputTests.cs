using System.Net;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Infrastructure;
using Primage.Testing;

namespace Primage.Api.Tests.Twins;

/// <summary>
/// Every kind of bad input is answered with the right status and a problem document naming the
/// field, and the stored twin is byte-for-byte the same afterwards.
/// </summary>
public sealed class BadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Obs = "/observations";
    private const string Th = "/therapies";

    public static TheoryData<string, string, string, string?, int, string> Cases()
    {
        var big = "{\"observationId\": \"big\", \"takenOn\": \"2024-02-01\", \"tumourVolumeMl\": 1, \"source\": \"" + new string('x', 100_000) + "\"}";
        var future = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        return new()
        {
            // name, method, route suffix ("" = the twin itself; "@id" replaces the twin id), body, status, field
            { "malformed id", "PUT", "@bad id!", TwinSamples.Profile, 400, "id" },
            { "id over 64 characters", "PUT", "@" + new string('a', 65), TwinSamples.Profile, 400, "id" },
            { "body not JSON", "PUT", "", "{not json", 400, "body" },
            { "empty body", "PUT", "", "", 400, "body" },
            { "body is an array", "PUT", "", "[1, 2]", 400, "body" },
            { "unknown diagnosis", "PUT", "", """{"site": "lafe", "diagnosis": "glioma"}""", 400, "diagnosis" },
            { "missing site", "PUT", "", """{"diagnosis": "neuroblastoma"}""", 400, "site" },
            { "diagnosis date in the future", "PUT", "", $$"""{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "{{future}}"}""", 400, "diagnosisDate" },
            { "malformed date", "PUT", "", """{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-13-01"}""", 400, "diagnosisDate" },
            { "negative age", "PUT", "", """{"site": "lafe", "diagnosis": "neuroblastoma", "ageAtDiagnosisMonths": -2}""", 400, "ageAtDiagnosisMonths" },
            { "unknown ALK status", "PUT", "", """{"site": "lafe", "diagnosis": "neuroblastoma", "markers": {"alk": "weird"}}""", 400, "markers.alk" },
            { "DIPG marker on neuroblastoma", "PUT", "", """{"site": "lafe", "diagnosis": "neuroblastoma", "markers": {"h3k27m": "mutant"}}""", 400, "markers.h3k27m" },
            { "site changed", "PUT", "", """{"site": "elsewhere", "diagnosis": "neuroblastoma"}""", 409, "site" },
            { "negative volume", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": -5}""", 400, "tumourVolumeMl" },
            { "zero volume", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": 0}""", 400, "tumourVolumeMl" },
            { "volume not a number", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": "big"}""", 400, "tumourVolumeMl" },
            { "non-finite volume", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": NaN}""", 400, "tumourVolumeMl" },
            { "volume absurdly large", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": 1e9}""", 400, "tumourVolumeMl" },
            { "cellularity above 1", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": 5, "cellularity": 1.5}""", 400, "cellularity" },
            { "vascular fraction below 0", "POST", Obs, """{"observationId": "n", "takenOn": "2024-02-01", "tumourVolumeMl": 5, "vascularFraction": -0.2}""", 400, "vascularFraction" },
            { "observation in the future", "POST", Obs, $$"""{"observationId": "n", "takenOn": "{{future}}", "tumourVolumeMl": 5}""", 400, "takenOn" },
            { "observation before diagnosis", "POST", Obs, """{"observationId": "n", "takenOn": "2023-12-31", "tumourVolumeMl": 5}""", 400, "takenOn" },
            { "observation without date", "POST", Obs, """{"observationId": "n", "tumourVolumeMl": 5}""", 400, "takenOn" },
            { "malformed observation id", "POST", Obs, """{"observationId": "a/b", "takenOn": "2024-02-01", "tumourVolumeMl": 5}""", 400, "observationId" },
            { "observation id reused with other content", "POST", Obs, TwinSamples.Observation.Replace("123.4", "99", StringComparison.Ordinal), 409, "observationId" },
            { "body over the size limit", "POST", Obs, big, 413, "body" },
            { "unknown therapy kind", "POST", Th, """{"therapyId": "x", "kind": "magic", "start": "2024-03-01"}""", 400, "kind" },
            { "radiotherapy without fractions", "POST", Th, """{"therapyId": "x", "kind": "radiotherapy", "start": "2024-03-01", "dosePerFractionGy": 1.8, "fractionsPerWeek": 5}""", 400, "fractions" },
            { "resected fraction above 1", "POST", Th, """{"therapyId": "x", "kind": "surgery", "date": "2024-04-01", "resectedFraction": 1.2}""", 400, "resectedFraction" },
            { "unknown regimen", "POST", Th, """{"therapyId": "x", "kind": "chemotherapy", "regimen": "snake-oil", "start": "2024-01-10", "cycles": 2, "cycleIntervalDays": 10}""", 400, "regimen" },
            { "field of another therapy kind", "POST", Th, """{"therapyId": "x", "kind": "surgery", "date": "2024-04-01", "resectedFraction": 0.5, "fractions": 3}""", 400, "fractions" },
            { "therapy id reused with other content", "POST", Th, TwinSamples.Radiotherapy.Replace("1.8", "2.0", StringComparison.Ordinal), 409, "therapyId" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputIsRefusedAndTheTwinIsUnchanged(string name, string method, string route, string? body, int status, string field)
    {
        var id = TwinSamples.NewId();
        await Seed(id);
        var before = await fixture.Client.GetStringAsync($"/api/twins/{id}");

        var url = route.StartsWith('@') ? $"/api/twins/{Uri.EscapeDataString(route[1..])}" : $"/api/twins/{id}{route}";
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = Json.Body(body ?? "") };
        var response = await fixture.Client.SendAsync(request);

        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.True(NamesField(problem, field), $"{name}: the problem does not name '{field}': {problem.ToJsonString()}");

        var after = await fixture.Client.GetStringAsync($"/api/twins/{id}");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ThereAreAtLeastTwentyKindsOfBadInput()
    {
        Assert.True(Cases().Count >= 20);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ObservationForAnUnknownTwinIs404AndCreatesNothing()
    {
        var id = TwinSamples.NewId();
        var response = await Json.PostAsync(fixture.Client, $"/api/twins/{id}/observations", TwinSamples.Observation);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/twins/{id}")).StatusCode);
    }

    private static bool NamesField(JsonNode problem, string field) =>
        problem["errors"]?.AsObject().ContainsKey(field) == true || problem["field"]?.GetValue<string>() == field;

    private async Task Seed(string id)
    {
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(fixture.Client, $"/api/twins/{id}", TwinSamples.Profile)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(fixture.Client, $"/api/twins/{id}/observations", TwinSamples.Observation)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(fixture.Client, $"/api/twins/{id}/therapies", TwinSamples.Radiotherapy)).StatusCode);
    }
}
