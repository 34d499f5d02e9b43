using System.Net;
using Primage.Testing;

namespace Primage.Silo.Tests.Storage;

/// <summary>What one host acknowledged, the next host on the same storage reads back unchanged.</summary>
public sealed class RestartTests
{
    public static TheoryData<string> Providers => StorageTargets.Available();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StateWrittenThroughOneHostIsReadBackByTheNext(string provider)
    {
        var target = StorageTargets.Create(provider);
        var id = "restart-" + Guid.NewGuid().ToString("N")[..8];
        string written;
        await using (var first = target.NewApp())
        {
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(client, $"/api/twins/{id}", """{"site": "lafe", "diagnosis": "dipg", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 84, "markers": {"h3k27m": "mutant"}}""")).StatusCode);
            for (var k = 1; k <= 3; k++)
            {
                var response = await Json.PostAsync(client, $"/api/twins/{id}/observations", $$"""{"observationId": "scan-{{k}}", "takenOn": "2024-0{{k + 1}}-01", "tumourVolumeMl": {{20 + k}}.25, "adcMean": 1100}""");
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(client, $"/api/twins/{id}/therapies", """{"therapyId": "rt-1", "kind": "radiotherapy", "start": "2024-03-04", "dosePerFractionGy": 1.8, "fractions": 30, "fractionsPerWeek": 5}""")).StatusCode);
            written = await client.GetStringAsync($"/api/twins/{id}");
        }

        await using var second = target.NewApp();
        using var reader = second.CreateClient();
        var read = await reader.GetStringAsync($"/api/twins/{id}");

        // Everything acknowledged reads back byte for byte; the prediction is not compared, because a
        // restarted host finishes the calibration the first one left in flight (it may appear in between).
        var before = System.Text.Json.Nodes.JsonNode.Parse(written)!;
        var after = System.Text.Json.Nodes.JsonNode.Parse(read)!;
        foreach (var part in new[] { "id", "profile", "observations", "therapies" })
        {
            Assert.Equal(before[part]!.ToJsonString(), after[part]!.ToJsonString());
        }

        Assert.Equal(3, after["observations"]!.AsArray().Count);
        Assert.Contains("scan-3", read, StringComparison.Ordinal);
    }
}
