using System.Net;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Infrastructure;
using Primage.Testing;

namespace Primage.Api.Tests.Endpoints;

public sealed class ClinicalEndpointsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task NeuroblastomaTwinGetsItsInrgGroupAndSurvivalCurvesWithIntervals()
    {
        var endpoints = await EndpointsFor("""{"site": "lafe", "diagnosis": "neuroblastoma", "ageAtDiagnosisMonths": 30, "inrgssStage": "m", "inssStage": "4", "markers": {"mycnAmplified": false, "histology": "neuroblastoma"}}""");
        Assert.Equal("p", endpoints["riskGroup"]!["group"]!["letter"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal("high", endpoints["riskGroup"]!["risk"]!.GetValue<string>().ToLowerInvariant());
        var survival = endpoints["survival"]!;
        Assert.False(string.IsNullOrEmpty(survival["modelName"]!.GetValue<string>()));
        Assert.Contains("model-cards", survival["performanceReference"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var curve in survival["endpoints"]!.AsArray())
        {
            foreach (var point in curve!["atHorizons"]!.AsArray())
            {
                var s = point!["survival"]!.GetValue<double>();
                Assert.InRange(s, point["lower"]!.GetValue<double>(), point["upper"]!.GetValue<double>());
                Assert.InRange(s, 0, 1);
            }
        }
    }

    [Fact]
    public async Task MycnAmplificationRaisesTheRiskGroupAndLowersSurvival()
    {
        const string template = """{"site": "lafe", "diagnosis": "neuroblastoma", "ageAtDiagnosisMonths": 10, "inrgssStage": "l2", "inssStage": "3", "elevenQAberration": false, "markers": {"mycnAmplified": MYCN, "histology": "neuroblastoma"}}""";
        var id = "ep-" + Guid.NewGuid().ToString("N")[..10];
        await Json.PutAsync(Client, $"/api/twins/{id}", template.Replace("MYCN", "false", StringComparison.Ordinal));
        var without = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/endpoints"));
        Assert.Equal(HttpStatusCode.OK, (await Json.PutAsync(Client, $"/api/twins/{id}", template.Replace("MYCN", "true", StringComparison.Ordinal))).StatusCode);
        var with = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/endpoints"));

        Assert.Equal("d", without["riskGroup"]!["group"]!["letter"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal("n", with["riskGroup"]!["group"]!["letter"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal("high", with["riskGroup"]!["risk"]!.GetValue<string>().ToLowerInvariant());
        Assert.True(FiveYearOs(with) < FiveYearOs(without), $"OS with MYCN {FiveYearOs(with)} should be below {FiveYearOs(without)}");
    }

    [Fact]
    public async Task DipgTwinGetsTwelveMonthSurvivalWithAnInterval()
    {
        var endpoints = await EndpointsFor("""{"site": "lafe", "diagnosis": "dipg", "ageAtDiagnosisMonths": 84, "symptomDurationMonths": 1, "ringEnhancement": false, "receivesChemotherapy": true}""");
        Assert.Null(endpoints["riskGroup"]);
        var os = endpoints["survival"]!["endpoints"]!.AsArray().Single(c => c!["endpoint"]!.GetValue<string>() == "OS")!;
        var year = os["atHorizons"]!.AsArray().First()!;
        Assert.InRange(year["survival"]!.GetValue<double>(), year["lower"]!.GetValue<double>(), year["upper"]!.GetValue<double>());
    }

    [Fact]
    public async Task UnknownTwinIs404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/twins/nobody/endpoints")).StatusCode);
    }

    private static double FiveYearOs(JsonNode endpoints) =>
        endpoints["survival"]!["endpoints"]!.AsArray().Single(c => c!["endpoint"]!.GetValue<string>() == "OS")!["atHorizons"]!.AsArray()
            .Last()!["survival"]!.GetValue<double>();

    private async Task<JsonNode> EndpointsFor(string profile)
    {
        var id = "ep-" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(Client, $"/api/twins/{id}", profile)).StatusCode);
        var response = await Client.GetAsync($"/api/twins/{id}/endpoints");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }
}
