using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Primage.Grains.Multiscale;
using Primage.Grains.Scheduling;
using Primage.Grains.Twins;
using Primage.Kernels.Coupling;
using Primage.Silo.Backends.Local;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Multiscale;

/// <summary>
/// A coupled run on the real service and its SQLite file, stopped mid-run and continued by a new host on the
/// same file and service id: it completes without anyone touching it, with the uninterrupted run's exact
/// result, and no step of a window that had finished is executed again. And a failed step fails the run.
/// </summary>
public sealed class MultiscaleRestartTests(ITestOutputHelper output)
{
    private const int Windows = 6;
    private const int Regions = 4;
    private const int AgentCap = 1000;
    private const long Seed = 11;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Primage:Cluster:ServiceId"] = "multiscale-restart",
        ["Primage:Cluster:ClusterId"] = "multiscale-restart",
        ["Primage:Predictions:EnsembleSize"] = "32",
        ["Primage:Predictions:Models:0"] = "gompertz",
    };

    [Fact]
    public async Task A_run_stopped_after_a_finished_window_resumes_on_a_new_host_and_ends_with_the_uninterrupted_result()
    {
        var runner = new CountingKernelRunner();
        var directory = PrimageApp.NewDataDirectory();
        var twinId = "ms-" + Guid.NewGuid().ToString("N")[..8];
        const string runId = "resume";
        int stoppedAfter;
        await using (var first = App(directory, runner))
        {
            using var client = first.CreateClient();
            await CreateTwinAsync(client, twinId);
            var body = $$"""{"runId": "{{runId}}", "windows": {{Windows}}, "regions": {{Regions}}, "agentCapPerRegion": {{AgentCap}}, "seed": {{Seed}}}""";
            Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(client, $"/api/twins/{twinId}/multiscale", body)).StatusCode);
            var run = await PollAsync(client, twinId, runId, r => r["windowsDone"]!.GetValue<int>() >= 1);
            stoppedAfter = run["windowsDone"]!.GetValue<int>();
        }

        output.WriteLine($"first host stopped with {stoppedAfter} of {Windows} windows finished");
        Assert.InRange(stoppedAfter, 1, Windows - 1);

        await using var second = App(directory, runner);

        // Nothing calls the run: the silo's wake pass and the scheduler's reattachment carry it to its last step.
        var scheduler = second.Services.GetRequiredService<ISimulationScheduler>();
        var lastStep = MultiscaleKeys.CompleteStepId(twinId, runId, Windows - 1);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (await scheduler.GetStatusAsync(lastStep) is not { State: RunState.Succeeded } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        using var reader = second.CreateClient();
        var finished = await PollAsync(reader, twinId, runId, r => r["status"]!.GetValue<string>() is "completed" or "failed");
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        Assert.Equal(Windows, finished["trajectory"]!.AsArray().Count);

        // The uninterrupted reference, in process, from the same twin.
        var grains = second.Services.GetRequiredService<IGrainFactory>();
        var twin = await grains.GetGrain<IPatientTwinGrain>(twinId).GetAsync();
        var start = MultiscaleSetup.Build(MultiscaleTwinInputs.From(twin!).Patient, Windows, Regions, AgentCap, Seed);
        var reference = InProcessMultiscaleRunner.Run(new MultiscaleFlow(start.Config, start.Macro.Model()), start.Initial);
        var resumed = await grains.GetGrain<IMultiscaleRunGrain>(MultiscaleKeys.Of(twinId, runId)).GetStateDocumentAsync();
        Assert.Equal(Convert.ToHexString(MultiscaleFlow.SerialiseState(reference)), Convert.ToHexString(resumed!));

        // Every step ran; those of the windows finished before the stop ran exactly once.
        var repeated = new List<string>();
        for (var w = 0; w < Windows; w++)
        {
            var steps = new[] { MultiscaleKeys.BeginStepId(twinId, runId, w), MultiscaleKeys.CompleteStepId(twinId, runId, w) }
                .Concat(Enumerable.Range(0, Regions).Select(k => MultiscaleKeys.MicroStepId(twinId, runId, w, k)));
            foreach (var step in steps)
            {
                var count = runner.Executions(step);
                Assert.True(count >= 1, $"{step} never ran");
                if (w < stoppedAfter)
                {
                    Assert.True(count == 1, $"{step} of finished window {w} ran {count} times");
                }
                else if (count > 1)
                {
                    repeated.Add($"{step} x{count}");
                }
            }
        }

        output.WriteLine($"steps in flight at the stop and run again: {(repeated.Count == 0 ? "none" : string.Join(", ", repeated))}");
    }

    [Fact]
    public async Task A_failed_micro_step_fails_the_run_naming_the_step()
    {
        var twinId = "ms-" + Guid.NewGuid().ToString("N")[..8];
        var failing = MultiscaleKeys.MicroStepId(twinId, "broken", 0, 1);
        var runner = new CountingKernelRunner { FailStep = failing };
        await using var app = App(PrimageApp.NewDataDirectory(), runner);
        using var client = app.CreateClient();
        await CreateTwinAsync(client, twinId);
        Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(client, $"/api/twins/{twinId}/multiscale",
            """{"runId": "broken", "windows": 3, "regions": 4, "agentCapPerRegion": 200}""")).StatusCode);

        var run = await PollAsync(client, twinId, "broken", r => r["status"]!.GetValue<string>() is "completed" or "failed");
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal(0, run["windowsDone"]!.GetValue<int>());
        var error = run["error"]!.GetValue<string>();
        output.WriteLine(error);
        Assert.StartsWith($"step {failing} failed:", error, StringComparison.Ordinal);
        Assert.Contains("diverged", error, StringComparison.Ordinal);

        // The run went no further: no complete step of window 0, no window 1.
        var scheduler = app.Services.GetRequiredService<ISimulationScheduler>();
        Assert.Null(await scheduler.GetStatusAsync(MultiscaleKeys.CompleteStepId(twinId, "broken", 0)));
        Assert.Equal(0, runner.Executions(MultiscaleKeys.BeginStepId(twinId, "broken", 1)));
    }

    private static WebApplicationFactory<Program> App(string directory, CountingKernelRunner runner)
        => new PrimageApp(directory, Settings).WithWebHostBuilder(builder => builder.ConfigureServices(
            services => services.AddSingleton<LocalStepRunner>(runner.Run)));

    private static async Task CreateTwinAsync(HttpClient client, string twinId)
    {
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(client, $"/api/twins/{twinId}",
            """{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "markers": {"mycnAmplified": true, "histology": "neuroblastoma", "grade": "poorly-differentiated"}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(client, $"/api/twins/{twinId}/observations",
            """{"observationId": "scan-1", "takenOn": "2024-02-01", "tumourVolumeMl": 30, "cellularity": 0.6}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(client, $"/api/twins/{twinId}/therapies",
            """{"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-02-01", "cycles": 8, "cycleIntervalDays": 10}""")).StatusCode);
    }

    private static async Task<JsonNode> PollAsync(HttpClient client, string twinId, string runId, Func<JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            var response = await client.GetAsync($"/api/twins/{twinId}/multiscale/{runId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var run = await Json.ReadAsync(response);
                if (until(run) || DateTime.UtcNow > deadline)
                {
                    return run;
                }
            }

            await Task.Delay(100);
        }
    }
}
