using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Tests.Twins;
using Primage.Grains.Multiscale;
using Primage.Grains.Scheduling;
using Primage.Grains.Twins;
using Primage.Kernels.Coupling;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Api.Tests.Multiscale;

/// <summary>
/// Issue 6's coupled run through the service: a neuroblastoma twin under rapid COJEC, 8 windows of 336 h, every
/// step (begin, 4 micro, complete per window) through the scheduler on the local backend, compared byte for byte
/// with the in-process flow over the same inputs; and the route's handling of requests.
/// </summary>
public sealed class MultiscaleApiTests(MultiscaleAppFixture fixture, ITestOutputHelper output) : IClassFixture<MultiscaleAppFixture>
{
    private const string Profile = """
        {"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 30,
         "markers": {"mycnAmplified": true, "alk": "mutated", "histology": "neuroblastoma", "grade": "poorly-differentiated"}}
        """;

    private const string Observation = """{"observationId": "scan-1", "takenOn": "2024-02-01", "tumourVolumeMl": 50, "cellularity": 0.7}""";

    private const string Cojec = """{"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-02-01", "cycles": 8, "cycleIntervalDays": 10}""";

    private HttpClient Client => fixture.Client;

    private IGrainFactory Grains => fixture.App.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task An_eight_window_COJEC_run_through_the_scheduler_on_the_local_backend_equals_the_in_process_flow_byte_for_byte()
    {
        var id = await TwinAsync(Profile, Observation, Cojec);
        var clock = Stopwatch.StartNew();
        var posted = await Json.PostAsync(Client, $"/api/twins/{id}/multiscale",
            """{"runId": "cojec", "windows": 8, "regions": 4, "agentCapPerRegion": 2000, "seed": 2026}""");
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal($"/api/twins/{id}/multiscale/cojec", posted.Headers.Location?.ToString());
        Assert.Equal("cojec", (await Json.ReadAsync(posted))["runId"]!.GetValue<string>());

        var run = await WaitForAsync(id, "cojec", TimeSpan.FromMinutes(10));
        var scheduled = clock.Elapsed;
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal(8, run["windowsDone"]!.GetValue<int>());
        Assert.Equal(8, run["windows"]!.GetValue<int>());
        Assert.False(run.AsObject().ContainsKey("error"));
        Assert.Equal("2024-02-01", run["startDate"]!.GetValue<string>());
        Assert.Equal(50.0, run["initialTumourVolumeMl"]!.GetValue<double>(), 9);

        // The reference: the same twin's inputs through the in-process flow over the proliferation-invasion adapter.
        var twin = await Grains.GetGrain<IPatientTwinGrain>(id).GetAsync();
        var (patient, _) = MultiscaleTwinInputs.From(twin!);
        var start = MultiscaleSetup.Build(patient, windows: 8, regions: 4, agentCapPerRegion: 2000, seed: 2026);
        Assert.Equal(ChemoSchedules.RapidCojec(0), start.Config.ChemoWindows); // COJEC starts on the observation's date
        clock.Restart();
        var reference = InProcessMultiscaleRunner.Run(new MultiscaleFlow(start.Config, start.Macro.Model()), start.Initial);
        var inProcess = clock.Elapsed;
        var untreated = InProcessMultiscaleRunner.Run(
            new MultiscaleFlow(start.Config with { ChemoWindows = [] }, start.Macro.Model()), start.Initial);

        var document = await Grains.GetGrain<IMultiscaleRunGrain>(MultiscaleKeys.Of(id, "cojec")).GetStateDocumentAsync();
        Assert.Equal(Convert.ToHexString(MultiscaleFlow.SerialiseState(reference)), Convert.ToHexString(document!));
        output.WriteLine($"scheduled run (POST to completed): {scheduled.TotalSeconds:F1} s; in-process reference: {inProcess.TotalSeconds:F1} s; final state {document!.Length:N0} bytes");

        var trajectory = run["trajectory"]!.AsArray();
        Assert.Equal(8, trajectory.Count);
        for (var w = 0; w < 8; w++)
        {
            var point = trajectory[w]!;
            var expected = reference.History[w];
            var c = point["cellularity"]!;
            var fractions = new[] { "nbAlive", "nbApoptotic", "nbNecrotic", "scAlive", "scApoptotic", "scNecrotic" }.Select(f => c[f]!.GetValue<double>()).ToArray();
            output.WriteLine(
                $"window {w} [{point["startHour"]}, {point["endHour"]}) h: V {point["tumourVolumeMl"]!.GetValue<double>():F3} mL, cells {point["cellCount"]!.GetValue<double>():E3}, " +
                $"O2 {point["oxygen"]!.GetValue<double>():F3}, matrix {point["matrixFraction"]!.GetValue<double>():F3}, " +
                $"NB {fractions[0]:F3}/{fractions[1]:F3}/{fractions[2]:F3}, SC {fractions[3]:F3}/{fractions[4]:F3}/{fractions[5]:F3}; " +
                $"untreated V {untreated.History[w].TumourVolumeMm3 / 1000:F3} mL, living NB {untreated.History[w].CellCount * untreated.History[w].Cellularity.NbAlive:E3} vs {expected.CellCount * expected.Cellularity.NbAlive:E3}");
            Assert.Equal(w, point["window"]!.GetValue<int>());
            Assert.Equal(336.0 * w, point["startHour"]!.GetValue<double>());
            Assert.Equal(336.0 * (w + 1), point["endHour"]!.GetValue<double>());
            Assert.Equal(expected.TumourVolumeMm3 / 1000.0, point["tumourVolumeMl"]!.GetValue<double>());
            Assert.Equal(expected.CellCount, point["cellCount"]!.GetValue<double>());
            Assert.True(point["tumourVolumeMl"]!.GetValue<double>() > 0);
            Assert.All(fractions, f => Assert.InRange(f, 0, 1));
            Assert.Equal(1.0, fractions.Sum(), 9);
            Assert.Equal(4, point["regions"]!.GetValue<int>());
        }

        // COJEC against the same run without it: fewer living neuroblasts at the end (same seed, common random numbers).
        var last = reference.History[^1];
        var control = untreated.History[^1];
        Assert.True(last.CellCount * last.Cellularity.NbAlive < 0.9 * control.CellCount * control.Cellularity.NbAlive);

        // Every step went through the scheduler on the local backend, once: 8 x (begin + 4 micro + complete).
        var scheduler = fixture.App.Services.GetRequiredService<ISimulationScheduler>();
        var steps = Enumerable.Range(0, 8).SelectMany(w => new[] { MultiscaleKeys.BeginStepId(id, "cojec", w), MultiscaleKeys.CompleteStepId(id, "cojec", w) }
            .Concat(Enumerable.Range(0, 4).Select(k => MultiscaleKeys.MicroStepId(id, "cojec", w, k)))).ToList();
        Assert.Equal(48, steps.Count);
        var sizes = new Dictionary<string, (long Input, long Output)>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var status = await scheduler.GetStatusAsync(step);
            Assert.NotNull(status);
            Assert.Equal((RunState.Succeeded, "local", 1), (status.State, status.Backend, status.Attempts));

            // Documents stay small on a 10^3 grid: well under a megabyte each (they are stored with the run records).
            var spec = await Grains.GetGrain<ISimulationRunGrain>(step).GetSpecAsync();
            var kind = step[(step.LastIndexOf('/') + 1)..].StartsWith('r') ? "micro" : step[(step.LastIndexOf('/') + 1)..];
            Assert.InRange(spec!.InputDocument.Length, 1, 1 << 20);
            Assert.InRange(status.OutputDocument!.Length, 1, 1 << 20);
            var (input, outputBytes) = sizes.GetValueOrDefault(kind);
            sizes[kind] = (Math.Max(input, spec.InputDocument.Length), Math.Max(outputBytes, status.OutputDocument.Length));
        }

        output.WriteLine("largest documents (input / output bytes): " + string.Join(", ", sizes.Select(p => $"{p.Key} {p.Value.Input:N0} / {p.Value.Output:N0}")));
    }

    [Fact]
    public async Task The_same_run_id_and_body_answer_200_and_another_body_409()
    {
        var id = await TwinAsync(Profile, Observation);
        const string body = """{"runId": "small", "windows": 1, "regions": 1, "agentCapPerRegion": 50, "seed": 3}""";
        Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(Client, $"/api/twins/{id}/multiscale", body)).StatusCode);
        var again = await Json.PostAsync(Client, $"/api/twins/{id}/multiscale", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("small", (await Json.ReadAsync(again))["runId"]!.GetValue<string>());
        var other = await Json.PostAsync(Client, $"/api/twins/{id}/multiscale", body.Replace("\"seed\": 3", "\"seed\": 4", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.StartsWith("runId:", (await Json.ReadAsync(other))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // A generated run id and the defaults (8 windows, 4 regions, 2,000 agents).
        var generated = await Json.PostAsync(Client, $"/api/twins/{id}/multiscale", """{"windows": 1, "agentCapPerRegion": 50}""");
        Assert.Equal(HttpStatusCode.Accepted, generated.StatusCode);
        var runId = (await Json.ReadAsync(generated))["runId"]!.GetValue<string>();
        var read = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/multiscale/{runId}"));
        Assert.Equal((1, 4, 50, MultiscaleKeys.DefaultSeed(id, runId)),
            (read["windows"]!.GetValue<int>(), read["regions"]!.GetValue<int>(), read["agentCapPerRegion"]!.GetValue<int>(), read["seed"]!.GetValue<long>()));

        var small = await WaitForAsync(id, "small", TimeSpan.FromMinutes(3));
        Assert.Equal("completed", small["status"]!.GetValue<string>());
        Assert.Single(small["trajectory"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"windows": 0}""", "windows")]
    [InlineData("""{"windows": 27}""", "windows")]
    [InlineData("""{"regions": 17}""", "regions")]
    [InlineData("""{"agentCapPerRegion": 0}""", "agentCapPerRegion")]
    [InlineData("""{"agentCapPerRegion": 1000001}""", "agentCapPerRegion")]
    [InlineData("""{"windows": "eight"}""", "windows")]
    [InlineData("""{"runId": "no spaces"}""", "runId")]
    [InlineData("""[1]""", "body")]
    public async Task Bad_input_is_a_validation_problem_naming_the_field(string body, string field)
    {
        var id = await TwinAsync(Profile, Observation);
        var response = await Json.PostAsync(Client, $"/api/twins/{id}/multiscale", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response))["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Only_a_neuroblastoma_twin_with_an_observation_can_run_and_unknown_runs_are_404()
    {
        var dipg = await TwinAsync(
            """{"site": "lafe", "diagnosis": "dipg", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 84, "markers": {"h3k27m": "mutant"}}""",
            """{"observationId": "scan-1", "takenOn": "2024-02-01", "tumourVolumeMl": 20}""");
        var refused = await Json.PostAsync(Client, $"/api/twins/{dipg}/multiscale", "{}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.StartsWith("diagnosis:", (await Json.ReadAsync(refused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var empty = await TwinAsync(Profile);
        var noData = await Json.PostAsync(Client, $"/api/twins/{empty}/multiscale", "{}");
        Assert.Equal(HttpStatusCode.Conflict, noData.StatusCode);
        Assert.StartsWith("observations:", (await Json.ReadAsync(noData))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await Json.PostAsync(Client, $"/api/twins/{TwinSamples.NewId()}/multiscale", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/twins/{empty}/multiscale/none")).StatusCode);
        Assert.Null(await Grains.GetGrain<IMultiscaleRunGrain>(MultiscaleKeys.Of(dipg, "x")).GetAsync());
    }

    private async Task<string> TwinAsync(string profile, params string[] timeline)
    {
        var id = TwinSamples.NewId();
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(Client, $"/api/twins/{id}", profile)).StatusCode);
        foreach (var item in timeline)
        {
            var route = item.Contains("\"kind\"", StringComparison.Ordinal) ? "therapies" : "observations";
            Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(Client, $"/api/twins/{id}/{route}", item)).StatusCode);
        }

        return id;
    }

    private async Task<JsonNode> WaitForAsync(string id, string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonNode run;
        do
        {
            await Task.Delay(250);
            run = await Json.ReadAsync(await Client.GetAsync($"/api/twins/{id}/multiscale/{runId}"));
        }
        while (run["status"]!.GetValue<string>() is "pending" or "running" && DateTime.UtcNow < deadline);

        return run;
    }
}
