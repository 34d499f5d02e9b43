using System.Net;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Infrastructure;
using Primage.Testing;

namespace Primage.Api.Tests.Twins;

public sealed class TwinApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task PutCreatesWith201ThenUpdatesWith200()
    {
        var id = TwinSamples.NewId();
        var created = await Json.PutAsync(Client, $"/api/twins/{id}", TwinSamples.Profile);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/twins/{id}", created.Headers.Location?.ToString());
        var updated = await Json.PutAsync(Client, $"/api/twins/{id}", TwinSamples.Profile.Replace("\"ageAtDiagnosisMonths\": 30", "\"ageAtDiagnosisMonths\": 31", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await Json.ReadAsync(updated);
        Assert.Equal(31, body["profile"]!["ageAtDiagnosisMonths"]!.GetValue<double>());
    }

    [Fact]
    public async Task GetReturnsTheWireShapeOfTheIssue()
    {
        var id = TwinSamples.NewId();
        await Json.PutAsync(Client, $"/api/twins/{id}", TwinSamples.Profile);
        await Json.PostAsync(Client, $"/api/twins/{id}/observations", TwinSamples.Observation);
        await Json.PostAsync(Client, $"/api/twins/{id}/therapies", TwinSamples.Radiotherapy);
        await Json.PostAsync(Client, $"/api/twins/{id}/therapies", TwinSamples.Chemotherapy);
        await Json.PostAsync(Client, $"/api/twins/{id}/therapies", TwinSamples.Surgery);

        var twin = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}"));
        Assert.Equal(id, twin["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TwinSamples.Profile), twin["profile"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TwinSamples.Observation), twin["observations"]![0]));
        var therapies = twin["therapies"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TwinSamples.Chemotherapy), therapies[0]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TwinSamples.Radiotherapy), therapies[1]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TwinSamples.Surgery), therapies[2]));
        Assert.Null(twin["prediction"]);
        Assert.True(twin.AsObject().ContainsKey("prediction"));
    }

    [Fact]
    public async Task SameObservationTwiceIs200AndStoredOnce()
    {
        var id = TwinSamples.NewId();
        await Json.PutAsync(Client, $"/api/twins/{id}", TwinSamples.Profile);
        var first = await Json.PostAsync(Client, $"/api/twins/{id}/observations", TwinSamples.Observation);
        var again = await Json.PostAsync(Client, $"/api/twins/{id}/observations", TwinSamples.Observation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var twin = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}"));
        Assert.Single(twin["observations"]!.AsArray());
    }

    [Fact]
    public async Task SameTherapyIdWithOtherContentIs409()
    {
        var id = TwinSamples.NewId();
        await Json.PutAsync(Client, $"/api/twins/{id}", TwinSamples.Profile);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(Client, $"/api/twins/{id}/therapies", TwinSamples.Radiotherapy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Json.PostAsync(Client, $"/api/twins/{id}/therapies", TwinSamples.Radiotherapy)).StatusCode);
        var conflict = await Json.PostAsync(Client, $"/api/twins/{id}/therapies", TwinSamples.Radiotherapy.Replace("30,", "33,", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await Json.ReadAsync(conflict);
        Assert.Equal("therapyId", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownTwinIs404ProblemDetails()
    {
        var response = await Client.GetAsync($"/api/twins/{TwinSamples.NewId()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await Json.ReadAsync(response))["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task HealthIsReadyWhenSiloAndStorageAre()
    {
        var response = await Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await Json.ReadAsync(response))["status"]!.GetValue<string>());
    }
}
