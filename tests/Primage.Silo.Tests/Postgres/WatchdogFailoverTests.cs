using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Primage.Silo.Storage;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Postgres;

/// <summary>
/// The index watchdogs across silos: calibrations queued and running on silo A's local backend when A
/// is killed with SIGKILL (and never restarted) are finished by silo B, which is never restarted either.
/// B's start-up pass ran while A was alive and changed nothing, so only the reminders of the run index
/// and twin watch index shards, which B takes over once it has declared A dead, can finish them.
/// </summary>
public sealed partial class WatchdogFailoverTests(ITestOutputHelper output)
{
    private const int Twins = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromMinutes(3);

    [PostgresFact]
    public async Task CalibrationsInFlightOnAKilledSiloAreFinishedByTheSiloLeftWithoutARestart()
    {
        var connectionString = PostgresTestDatabase.ConnectionString;
        await PostgresStorage.MigrateAsync(connectionString);
        var serviceId = "watch-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        SiloProcess? a = null;
        SiloProcess? b = null;
        try
        {
            a = SiloProcess.StartWith("a", Settings(connectionString, serviceId, "a"));
            await a.WaitReadyAsync(StartTimeout);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo A active (pid {a.ProcessId})");

            // Twenty neuroblastoma twins, one observation each, all through A: each observation starts a
            // calibration (1,024 particles per growth law, one at a time), so most are still queued or
            // running when A dies. B joins only afterwards, so that A drives every run: with both silos
            // up, Orleans may place the runs on B, and killing A would then test nothing.
            var ids = Enumerable.Range(0, Twins).Select(i => $"{serviceId}-{i:D2}").ToArray();
            await Task.WhenAll(ids.Select(async id =>
            {
                using var put = await Json.PutAsync(a.Http, $"/api/twins/{id}", Profile);
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            }));
            await Task.WhenAll(ids.Select(async id =>
            {
                using var post = await Json.PostAsync(a.Http, $"/api/twins/{id}/observations", Observation);
                Assert.Equal(HttpStatusCode.Created, post.StatusCode);
            }));
            b = SiloProcess.StartWith("b", Settings(connectionString, serviceId, "b"));
            await b.WaitReadyAsync(StartTimeout);
            Assert.Equal(2L, await PostgresTestDatabase.ScalarAsync<long>(
                connectionString, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3", ("id", serviceId)));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {Twins} observations acknowledged through A; silo B active (pid {b.ProcessId})");

            var outstanding = (await Task.WhenAll(ids.Select(async id => await HasPredictionAsync(a.Http, id) ? 0 : 1))).Sum();
            a.KillHard();
            var killedAt = clock.Elapsed;
            output.WriteLine($"{killedAt.TotalSeconds:F1} s: A killed with {outstanding} of {Twins} calibrations unfinished (no prediction through A)");
            Assert.True(outstanding > 0, "A was killed while calibrations were outstanding");

            // Every twin gets a prediction that includes its observation, read through B.
            var recoveredAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            var reminders = new ReminderWrites();
            var deadline = killedAt + RecoveryBound;
            while (recoveredAt.Count < Twins && clock.Elapsed < deadline)
            {
                reminders.Observe(await ReminderRowsAsync(connectionString, serviceId));
                foreach (var id in ids.Where(id => !recoveredAt.ContainsKey(id)))
                {
                    if (await PredictionAsync(b.Http, id) is { } prediction)
                    {
                        Assert.Contains("scan-1", prediction["observationIds"]!.AsArray().Select(o => (string)o!));
                        recoveredAt[id] = clock.Elapsed;
                    }
                }

                await Task.Delay(500);
            }

            var rerun = RerunJobs(b);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {recoveredAt.Count} of {Twins} twins have a prediction through B; " +
                             $"B re-ran {rerun.Count} jobs lost with A ({rerun.Distinct().Count()} distinct)");
            Assert.True(recoveredAt.Count == Twins, $"{Twins - recoveredAt.Count} twins got no prediction within {RecoveryBound} of the kill");
            var last = recoveredAt.Values.Max() - killedAt;
            output.WriteLine($"recovery: every prediction through B {last.TotalSeconds:F1} s after the kill " +
                             $"(first {(recoveredAt.Values.Min() - killedAt).TotalSeconds:F1} s); B never restarted");

            // Jobs lost with A ran again on B, each once: a run B drives is not run a second time.
            Assert.NotEmpty(rerun);
            Assert.Equal(rerun.Count, rerun.Distinct().Count());

            // With nothing left to watch, every shard drops its reminder at its next tick.
            var drained = clock.Elapsed + TimeSpan.FromMinutes(1);
            while (reminders.Observe(await ReminderRowsAsync(connectionString, serviceId)) > 0)
            {
                Assert.True(clock.Elapsed < drained, "shards with nothing listed kept their watchdog reminders");
                await Task.Delay(500);
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: no watchdog reminder left; reminder table writes for this service " +
                             $"(as observed): {reminders.Upserts} registrations of {reminders.Shards} shard reminders, {reminders.Shards} removals");
            Assert.False(b.HasExited);
        }
        catch
        {
            foreach (var silo in new[] { a, b })
            {
                if (silo is not null)
                {
                    output.WriteLine($"--- silo {silo.Name} ---{Environment.NewLine}{silo.Tail()}");
                }
            }

            throw;
        }
        finally
        {
            foreach (var silo in new[] { b, a })
            {
                if (silo is not null)
                {
                    await silo.DisposeAsync();
                }
            }

            await PostgresTestDatabase.ForgetServiceAsync(serviceId);
        }
    }

    private const string Profile = """{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 30, "markers": {"mycnAmplified": true}}""";

    private const string Observation = """{"observationId": "scan-1", "takenOn": "2024-02-01", "tumourVolumeMl": 101.5}""";

    private static string[] Settings(string connectionString, string serviceId, string name) =>
    [
        "--Primage:Storage:Provider=postgres",
        $"--Primage:Storage:ConnectionString={connectionString}",
        $"--Primage:Cluster:ServiceId={serviceId}",
        $"--Primage:Cluster:ClusterId={serviceId}",
        $"--Primage:DataDirectory={Path.Combine(Path.GetTempPath(), "primage-tests", serviceId, name)}",
        "--Primage:Backends:Local:MaxParallelism=1",
        "--Primage:Predictions:EnsembleSize=1024",
        "--Primage:Scheduler:WatchdogPeriod=00:00:05",
        // A silo killed with SIGKILL is declared dead after two missed probes of two seconds.
        "--Orleans:Membership:ProbeTimeout=00:00:02",
        "--Orleans:Membership:NumMissedProbesLimit=2",
        // B's re-runs of jobs it does not know are logged at Information.
        "--Logging:LogLevel:Primage.Silo.Backends.Local=Information",
    ];

    private static async Task<bool> HasPredictionAsync(HttpClient http, string id) => await PredictionAsync(http, id) is not null;

    /// <summary>The twin's latest prediction, or null (none yet, or the cluster is still failing over).</summary>
    private static async Task<JsonNode?> PredictionAsync(HttpClient http, string id)
    {
        try
        {
            using var response = await http.GetAsync($"/api/twins/{id}/prediction");
            return response.StatusCode == HttpStatusCode.OK ? await Json.ReadAsync(response) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>This service's reminder rows: grain id and version (0 when written once, +1 per rewrite).</summary>
    private static async Task<List<(string GrainId, int Version)>> ReminderRowsAsync(string connectionString, string serviceId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT GrainId, Version FROM OrleansRemindersTable WHERE ServiceId = @id", connection);
        command.Parameters.AddWithValue("id", serviceId);
        var rows = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    /// <summary>The job ids B ran again because its own backend did not know them (they were A's).</summary>
    private static List<string> RerunJobs(SiloProcess silo) =>
        [.. silo.Lines().Select(line => RerunLine().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    /// <summary>Reminder rows seen while polling: the highest version per row gives the registrations.</summary>
    private sealed class ReminderWrites
    {
        private readonly Dictionary<string, int> _highest = new(StringComparer.Ordinal);

        public int Shards => _highest.Count;

        public int Upserts => _highest.Values.Sum(version => version + 1);

        /// <summary>Records the rows; returns how many there are now.</summary>
        public int Observe(List<(string GrainId, int Version)> rows)
        {
            foreach (var (grain, version) in rows)
            {
                _highest[grain] = Math.Max(version, _highest.GetValueOrDefault(grain, -1));
            }

            return rows.Count;
        }
    }

    [GeneratedRegex(@"Local job (\S+) unknown to this process: running the step again")]
    private static partial Regex RerunLine();
}
