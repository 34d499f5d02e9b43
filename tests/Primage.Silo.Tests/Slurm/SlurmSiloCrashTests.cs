using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Primage.Silo.Tests.Postgres;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// The whole service (a real silo process on its embedded SQLite store) sending its calibration steps
/// to the real SLURM cluster, killed with SIGKILL while 20 of them are in flight and started again on
/// the same data directory: every step completes, exactly once, and each result lands on its own twin.
/// </summary>
[Collection(SlurmSshdCollection.Name)]
public sealed class SlurmSiloCrashTests(ITestOutputHelper output)
{
    private const int Twins = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [SlurmClusterFact]
    public async Task Twenty_steps_in_flight_survive_a_killed_silo_process_and_run_exactly_once()
    {
        await using var cluster = SlurmTestCluster.Create("silo-crash");
        var run = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = DataDirectory(run + "-crash");
        var settings = Settings(cluster, dataDirectory);
        var ids = Enumerable.Range(0, Twins).Select(i => $"sc-{run}-{i:D2}").ToArray();
        var jobNames = ids.Select(id => $"{id}.cal.1.a1").ToArray();
        var clock = Stopwatch.StartNew();

        var first = SiloProcess.StartWith("first", settings);
        SiloProcess? second = null;
        try
        {
            await first.WaitReadyAsync(StartTimeout);
            await Task.WhenAll(ids.Select(async id =>
            {
                Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(first.Http, $"/api/twins/{id}", Profile)).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(first.Http, $"/api/twins/{id}/observations", Observation)).StatusCode);
            }));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {Twins} twins, each with an observation (one calibration step each)");

            // Kill as soon as the cluster knows all 20 jobs: they are submitted, most still queued or running.
            var known = await WaitForAsync(async () =>
            {
                var counts = await cluster.JobCountsByNameAsync(jobNames);
                return counts.Count == Twins ? counts : null;
            }, Patience, () => first.Tail());
            var finishedBeforeKill = await CountPredictionsAsync(first.Http, ids);
            first.KillHard();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: all {known.Count} jobs known to SLURM; silo killed (SIGKILL) with {Twins - finishedBeforeKill} results not yet delivered");
            // The scenario: all 20 steps in flight (submitted, none delivered) when the silo dies.
            Assert.True(finishedBeforeKill == 0, $"{finishedBeforeKill} of {Twins} results were delivered before the kill: not 20 in flight");

            second = SiloProcess.StartWith("second", settings);
            await second.WaitReadyAsync(StartTimeout);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo restarted on the same data directory");

            // Every twin gets the prediction of its own step, from the cluster.
            foreach (var id in ids)
            {
                var prediction = await WaitForAsync(() => LatestPredictionAsync(second.Http, id), Patience, () => second.Tail());
                var provenance = prediction["provenance"]!;
                Assert.Equal($"{id}.cal.1", (string?)provenance["stepId"]);
                Assert.Equal("slurm:hpc", (string?)provenance["backend"]);
                Assert.Equal(1, (int)prediction["version"]!);
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: all {Twins} predictions served, each from its own step on slurm:hpc");

            // Exactly one job per step, in squeue and the job-completion log (sacct -c) together.
            var counts = await cluster.JobCountsByNameAsync(jobNames.Concat(ids.Select(id => $"{id}.cal.1.a2")));
            Assert.Equal(jobNames.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
            Assert.All(counts, pair => Assert.True(pair.Value == 1, $"{pair.Key} ran {pair.Value} times"));

            // And the twins keep their single version: nothing was delivered twice.
            foreach (var id in ids)
            {
                using var response = await second.Http.GetAsync($"/api/twins/{id}/predictions");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await Json.ReadAsync(response);
                Assert.Equal(1, (int)page["total"]!);
            }
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            TryDelete(dataDirectory);
        }
    }

    [SlurmClusterFact]
    public async Task The_same_twenty_calibrations_give_identical_predictions_on_slurm_and_local()
    {
        await using var cluster = SlurmTestCluster.Create("silo-ratio");
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, Twins).Select(i => $"sr-{run}-{i:D2}").ToArray();
        var local = await RunCalibrationsAsync("local", LocalSettings(DataDirectory(run + "-local")), ids);
        var slurm = await RunCalibrationsAsync("slurm", Settings(cluster, DataDirectory(run + "-slurm")), ids);

        // Kernels are pure and seeds derive from the twin and the step: where a step runs changes nothing.
        foreach (var id in ids)
        {
            Assert.Equal("local", (string?)local.Predictions[id]["provenance"]!["backend"]);
            Assert.Equal("slurm:hpc", (string?)slurm.Predictions[id]["provenance"]!["backend"]);
            foreach (var part in new[] { "trajectory", "endpoints", "models", "confidence" })
            {
                Assert.Equal(local.Predictions[id][part]!.ToJsonString(), slurm.Predictions[id][part]!.ToJsonString());
            }
        }

        output.WriteLine(
            $"{Twins} calibrations end to end (first POST to last prediction served): local {local.Elapsed.TotalSeconds:F1} s, " +
            $"slurm {slurm.Elapsed.TotalSeconds:F1} s, ratio slurm/local {slurm.Elapsed / local.Elapsed:F2}");
    }

    private static async Task<(TimeSpan Elapsed, Dictionary<string, JsonNode> Predictions)> RunCalibrationsAsync(
        string name, List<string> settings, string[] ids)
    {
        await using var silo = SiloProcess.StartWith(name, settings);
        await silo.WaitReadyAsync(StartTimeout);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(async id =>
        {
            Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(silo.Http, $"/api/twins/{id}", Profile)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(silo.Http, $"/api/twins/{id}/observations", Observation)).StatusCode);
        }));
        var predictions = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            predictions[id] = await WaitForAsync(() => LatestPredictionAsync(silo.Http, id), Patience, () => silo.Tail());
        }

        var elapsed = clock.Elapsed;
        TryDelete(settings.Single(s => s.StartsWith("--Primage:DataDirectory=", StringComparison.Ordinal)).Split('=', 2)[1]);
        return (elapsed, predictions);
    }

    private static string DataDirectory(string name) => Path.Combine(Path.GetTempPath(), "primage-tests", "slurm-silo-" + name);

    private static List<string> LocalSettings(string dataDirectory) =>
    [
        "--Primage:Storage:Provider=sqlite",
        $"--Primage:DataDirectory={dataDirectory}",
        "--Primage:Scheduler:Backend=local",
        "--Primage:Predictions:EnsembleSize=32",
        "--Primage:Predictions:Models:0=gompertz",
    ];

    private const string Profile = """{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 30, "markers": {"mycnAmplified": true}}""";

    private const string Observation = """{"observationId": "scan-1", "takenOn": "2024-01-10", "tumourVolumeMl": 84.5}""";

    private static List<string> Settings(SlurmTestCluster cluster, string dataDirectory)
    {
        var options = cluster.Options();
        const string section = "--Primage:Backends:Slurm:hpc:";
        string Seconds(TimeSpan t) => t.ToString("c", CultureInfo.InvariantCulture);
        return
        [
            "--Primage:Storage:Provider=sqlite",
            $"--Primage:DataDirectory={dataDirectory}",
            "--Primage:Scheduler:Backend=slurm:hpc",
            "--Primage:Predictions:EnsembleSize=32",
            "--Primage:Predictions:Models:0=gompertz",
            $"{section}Host={options.Host}",
            $"{section}Port={options.Port.ToString(CultureInfo.InvariantCulture)}",
            $"{section}User={options.User}",
            $"{section}KeyFile={options.KeyFile}",
            $"{section}HostKeyFingerprint={options.HostKeyFingerprint}",
            $"{section}Partition={options.Partition}",
            $"{section}WorkDirectory={options.WorkDirectory}",
            $"{section}RunnerCommand={options.RunnerCommand}",
            $"{section}PollInterval={Seconds(options.PollInterval)}",
            $"{section}DefaultWalltime={Seconds(options.DefaultWalltime)}",
            $"{section}ControllerCallsPerSecond={options.ControllerCallsPerSecond.ToString(CultureInfo.InvariantCulture)}",
            $"{section}ControllerBurst={options.ControllerBurst.ToString(CultureInfo.InvariantCulture)}",
        ];
    }

    private static async Task<int> CountPredictionsAsync(HttpClient http, IEnumerable<string> ids)
    {
        var found = await Task.WhenAll(ids.Select(id => LatestPredictionAsync(http, id)));
        return found.Count(p => p is not null);
    }

    private static async Task<JsonNode?> LatestPredictionAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/api/twins/{id}/prediction");
        return response.StatusCode == HttpStatusCode.OK ? await Json.ReadAsync(response) : null;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> context)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"not done within {timeout}:{Environment.NewLine}{context()}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
