using System.Net;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Infrastructure;
using Primage.Api.Tests.Twins;
using Primage.Testing;

namespace Primage.Api.Tests.Scenarios;

public sealed class ScenarioApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Hypofractionated = """
        {"name": "hypofractionated", "therapies": [
          {"therapyId": "rt-hypo", "kind": "radiotherapy", "start": "2024-03-04", "dosePerFractionGy": 3.0, "fractions": 13, "fractionsPerWeek": 5}]}
        """;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Posting_a_scenario_answers_202_and_it_is_listed_and_readable_while_the_twin_stays_as_it_was()
    {
        var id = await TwinWithObservationAsync();
        var before = await TwinBodyAsync(id);

        var posted = await Json.PostAsync(Client, $"/api/twins/{id}/scenarios", Hypofractionated);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var scenarioId = (await Json.ReadAsync(posted))["scenarioId"]!.GetValue<string>();
        Assert.Equal($"/api/twins/{id}/scenarios/{scenarioId}", posted.Headers.Location?.ToString());

        var scenario = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/scenarios/{scenarioId}"));
        Assert.Equal("hypofractionated", scenario["name"]!.GetValue<string>());
        Assert.Contains(scenario["status"]!.GetValue<string>(), new[] { "pending", "running", "completed", "failed" });
        Assert.True(scenario.AsObject().ContainsKey("basedOnVersion"));
        Assert.Equal(3.0, scenario["therapies"]![0]!["dosePerFractionGy"]!.GetValue<double>());

        var list = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/scenarios"));
        Assert.Equal(scenarioId, list["items"]![0]!["scenarioId"]!.GetValue<string>());

        // The twin's own timeline (therapies included) is untouched by the fork.
        var after = await TwinBodyAsync(id);
        Assert.True(JsonNode.DeepEquals(before["therapies"], after["therapies"]));
        Assert.True(JsonNode.DeepEquals(before["observations"], after["observations"]));
        Assert.True(JsonNode.DeepEquals(before["profile"], after["profile"]));
    }

    [Fact]
    public async Task A_client_scenario_id_is_idempotent_and_conflicts_on_another_plan()
    {
        var id = await TwinWithObservationAsync();
        var body = Hypofractionated.Replace("{\"name\"", "{\"scenarioId\": \"hypo\", \"name\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(Client, $"/api/twins/{id}/scenarios", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(Client, $"/api/twins/{id}/scenarios", body)).StatusCode);
        var other = await Json.PostAsync(Client, $"/api/twins/{id}/scenarios", """{"scenarioId": "hypo", "name": "none", "therapies": []}""");
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_naming_the_field()
    {
        var id = await TwinWithObservationAsync();
        var noName = await Json.PostAsync(Client, $"/api/twins/{id}/scenarios", """{"therapies": []}""");
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.NotNull((await Json.ReadAsync(noName))["errors"]!["name"]);

        var badTherapy = await Json.PostAsync(Client, $"/api/twins/{id}/scenarios", """{"name": "x", "therapies": [{"therapyId": "t", "kind": "magic"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, badTherapy.StatusCode);
        Assert.NotNull((await Json.ReadAsync(badTherapy))["errors"]!["therapies[0].kind"]);

        var compare = await Client.GetAsync($"/api/twins/{id}/scenarios/compare?ids=a&date=2024-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, compare.StatusCode);
        var errors = (await Json.ReadAsync(compare))["errors"]!;
        Assert.NotNull(errors["ids"]);
        Assert.NotNull(errors["date"]);
    }

    [Fact]
    public async Task Unknown_twins_and_scenarios_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PostAsync(Client, $"/api/twins/{TwinSamples.NewId()}/scenarios", Hypofractionated)).StatusCode);
        var id = await TwinWithObservationAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/twins/{id}/scenarios/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/twins/{id}/scenarios/compare?ids=a,b&date=2024-05-01")).StatusCode);
    }

    private async Task<string> TwinWithObservationAsync()
    {
        var id = TwinSamples.NewId();
        await Json.PutAsync(Client, $"/api/twins/{id}", TwinSamples.Profile);
        await Json.PostAsync(Client, $"/api/twins/{id}/observations", TwinSamples.Observation);
        return id;
    }

    private async Task<JsonNode> TwinBodyAsync(string id) => await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}"));
}
