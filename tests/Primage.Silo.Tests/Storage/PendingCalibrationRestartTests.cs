using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primage.Grains.Predictions;
using Primage.Testing;

namespace Primage.Silo.Tests.Storage;

/// <summary>
/// Twenty twins acknowledge an observation while no backend can run their calibrations, so each is
/// stored with a calibration ticket in flight and no run. A new host on the same store must, without
/// anyone touching the twins, wake them all at once (the twin watch index) and give each twin the
/// prediction of its own step: reading many such states concurrently once handed one twin another
/// twin's ticket under the JSON state serializer.
/// </summary>
public sealed class PendingCalibrationRestartTests
{
    private const int Twins = 20;

    public static TheoryData<string> Providers => StorageTargets.Available();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Calibrations_acknowledged_before_a_restart_run_after_it_each_on_its_own_twin(string provider)
    {
        var target = StorageTargets.Create(provider);
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, Twins).Select(i => $"pc-{run}-{i:D2}").ToArray();
        var small = new Dictionary<string, string>
        {
            ["Primage:Predictions:EnsembleSize"] = "32",
            ["Primage:Predictions:Models:0"] = "gompertz",
        };

        // No compute backend: every submission fails and the twins keep their tickets.
        await using (var first = target.NewApp(new Dictionary<string, string>(small) { ["Primage:Backends:Local:Enabled"] = "false" }))
        {
            using var client = first.CreateClient();
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                var profile = $$"""{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": {{12 + i}}, "markers": {} }""";
                Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(client, $"/api/twins/{id}", profile)).StatusCode);
                var observation = $$"""{"observationId": "scan-1", "takenOn": "2024-01-10", "tumourVolumeMl": {{40 + i}}.5}""";
                Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(client, $"/api/twins/{id}/observations", observation)).StatusCode);
            }));

            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var pending = await Task.WhenAll(ids.Select(id => grains.GetGrain<Primage.Grains.Twins.IPatientTwinGrain>(id).GetCalibrationAsync()));
            Assert.All(pending, c => Assert.Null(c.Latest));
        }

        await using var second = target.NewApp(small);
        var predictions = second.Services.GetRequiredService<IGrainFactory>();

        // Only the predictions are read while waiting: nothing activates a twin but the silo itself.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var found = new Dictionary<string, Prediction>(StringComparer.Ordinal);
        while (found.Count < Twins && DateTime.UtcNow < deadline)
        {
            foreach (var id in ids.Where(i => !found.ContainsKey(i)))
            {
                if (await predictions.GetGrain<ITwinPredictionsGrain>(id).GetLatestAsync() is { } latest)
                {
                    found[id] = latest;
                }
            }

            await Task.Delay(250);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, prediction) in found)
        {
            Assert.Equal($"{id}.cal.1", prediction.Provenance.StepId);
            Assert.Equal(1, prediction.Version);
            Assert.Equal(["scan-1"], prediction.ObservationIds);
        }
    }
}
