using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Tests.Infrastructure;
using Primage.Testing;

namespace Primage.Api.Tests;

public sealed class OpenApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/api/twins/{id}", "put")]
    [InlineData("/api/twins/{id}", "get")]
    [InlineData("/api/twins/{id}/observations", "post")]
    [InlineData("/api/twins/{id}/therapies", "post")]
    [InlineData("/api/twins/{id}/multiscale", "post")]
    [InlineData("/api/twins/{id}/multiscale/{runId}", "get")]
    [InlineData("/health", "get")]
    public async Task DocumentDescribesEveryRoute(string path, string method)
    {
        var document = await Json.ReadAsync(await fixture.Client.GetAsync("/openapi/v1.json"));
        var operation = document["paths"]?[path]?[method];
        Assert.NotNull(operation);
        Assert.NotNull(operation["responses"]);
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()));
    }

    [Fact]
    public async Task RequestAndResponseShapesAreDocumented()
    {
        var document = await Json.ReadAsync(await fixture.Client.GetAsync("/openapi/v1.json"));
        var schemas = document["components"]?["schemas"]?.AsObject();
        Assert.NotNull(schemas);
        foreach (var name in new[] { "ProfileDto", "ObservationDto", "TherapyDto", "TwinDto" })
        {
            Assert.True(schemas.ContainsKey(name), $"schema {name} missing");
        }

        var put = document["paths"]!["/api/twins/{id}"]!["put"]!;
        Assert.NotNull(put["requestBody"]?["content"]?["application/json"]?["schema"]);
        var observation = schemas["ObservationDto"]!["properties"]!.AsObject();
        Assert.True(observation.ContainsKey("tumourVolumeMl"));
        Assert.True(observation.ContainsKey("takenOn"));
    }

    [Fact]
    public async Task ScenarioComparisonShapesAreDocumentedWithTheirPairedFields()
    {
        var document = await Json.ReadAsync(await fixture.Client.GetAsync("/openapi/v1.json"));
        var compare = document["paths"]!["/api/twins/{id}/scenarios/compare"]!["get"]!;
        Assert.Contains("paired draws", compare["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(compare["responses"]!["200"]!["content"]!["application/json"]!["schema"]);

        var schemas = document["components"]!["schemas"]!.AsObject();
        var expected = new Dictionary<string, string[]>
        {
            ["ScenarioComparisonDto"] = ["commonRandomNumbers", "method", "scenarios", "differences"],
            ["ScenarioColumnDto"] = ["volumeAtDate", "endpoints", "draws", "bedGy", "drawVolumeAtDateMl", "nadirVolumeMl", "nadirDate", "radiosensitivityPerGy"],
            ["ScenarioDifferenceDto"] = ["medianDifferenceMl", "q05DifferenceMl", "q95DifferenceMl", "probabilityALower", "method", "draws", "samePosterior", "differenceMl", "ratio", "nadir"],
            ["PairedEndpointDto"] = ["probabilityALower", "differenceMl", "ratio"],
            ["DrawIntervalDto"] = ["q05", "q50", "q95"],
        };
        foreach (var (schema, properties) in expected)
        {
            Assert.True(schemas.ContainsKey(schema), $"schema {schema} missing");
            var documented = schemas[schema]!["properties"]!.AsObject();
            Assert.All(properties, p => Assert.True(documented.ContainsKey(p), $"{schema}.{p} missing"));
        }
    }

    [Fact]
    public async Task EveryRouteInTheAppIsInTheDocument()
    {
        var document = await Json.ReadAsync(await fixture.Client.GetAsync("/openapi/v1.json"));
        var documented = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        var sources = fixture.App.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>();
        var routes = sources.SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "{([^}:]+):[^}]+}", "{$1}"))
            .Where(r => !r.StartsWith("/openapi", StringComparison.Ordinal))
            .Where(r => !r.StartsWith("/docs", StringComparison.Ordinal) && !r.StartsWith("/clinician", StringComparison.Ordinal)) // pages, not API routes
            .Distinct();
        foreach (var route in routes)
        {
            Assert.Contains(route, documented);
        }
    }
}
