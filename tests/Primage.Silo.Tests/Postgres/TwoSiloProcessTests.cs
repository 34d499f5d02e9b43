using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Primage.Silo.Storage;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Postgres;

/// <summary>
/// Two silo processes on one PostgreSQL form one cluster: what one acknowledges the other serves,
/// and a silo killed with SIGKILL loses nothing it acknowledged.
/// </summary>
public sealed class TwoSiloProcessTests(ITestOutputHelper output)
{
    private const int Twins = 1000;
    private const int InFlightPosts = 200;
    private const int Parallelism = 32;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long after the kill B may answer a read with 503 (Retry-After): until membership has declared A
    /// dead (Orleans' default probes, 10 to 20 s here) plus the API's own retries of a read (about 8 s).
    /// </summary>
    private static readonly TimeSpan FailoverWindow = TimeSpan.FromSeconds(45);

    [PostgresFact]
    public async Task TwinsWrittenThroughOneSiloAreServedByTheOtherAndAKillLosesNoAcknowledgedWrite()
    {
        var connectionString = PostgresTestDatabase.ConnectionString;
        await PostgresStorage.MigrateAsync(connectionString);
        var serviceId = "procs-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        SiloProcess? a = null;
        SiloProcess? b = null;
        SiloProcess? restarted = null;
        try
        {
            // Both start at once, as a deployment would start them; they meet in the membership table.
            a = SiloProcess.Start("a", connectionString, serviceId);
            b = SiloProcess.Start("b", connectionString, serviceId);
            await Task.WhenAll(a.WaitReadyAsync(StartTimeout), b.WaitReadyAsync(StartTimeout));
            Assert.Equal(2L, await ActiveSilosAsync(serviceId));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: two silos active (A pid {a.ProcessId}, B pid {b.ProcessId})");

            // 1,000 twins, each with an observation, all written through A.
            var ids = Enumerable.Range(0, Twins).Select(i => $"{serviceId}-{i:D4}").ToArray();
            await ForEachAsync(ids, Parallelism, async id =>
            {
                Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(a.Http, $"/api/twins/{id}", Profile)).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(a.Http, $"/api/twins/{id}/observations", Observation(1))).StatusCode);
            });
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {Twins} twins with {Twins} observations written through A");

            // All of them read back through B, with their observation and its values.
            await ForEachAsync(ids, Parallelism, async id =>
            {
                var twin = await GetTwinAsync(b.Http, id);
                Assert.Equal(["scan-1"], ObservationIds(twin));
                Assert.Equal(101.5, (double)twin["observations"]![0]!["tumourVolumeMl"]!);
            });
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: all {Twins} twins read back through B");

            // 200 posts (to 200 twins) in flight through A; A is killed with SIGKILL once a quarter have answered.
            var targets = ids.Take(InFlightPosts).ToArray();
            var outcomes = new PostOutcome[InFlightPosts];
            var answered = 0;
            var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var serving = ServeThroughBAsync(b, ids[^100..], killed.Task);
            var posts = Enumerable.Range(0, InFlightPosts).Select(async i =>
            {
                try
                {
                    using var response = await Json.PostAsync(a.Http, $"/api/twins/{targets[i]}/observations", Observation(2));
                    outcomes[i] = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? PostOutcome.Acknowledged : PostOutcome.Refused;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    outcomes[i] = PostOutcome.Lost;
                }

                if (Interlocked.Increment(ref answered) == InFlightPosts / 4)
                {
                    a.KillHard();
                    killed.TrySetResult(InFlightPosts - Volatile.Read(ref answered));
                }
            }).ToArray();
            await Task.WhenAll(posts);
            var openAtKill = await killed.Task;
            var acknowledged = Enumerable.Range(0, InFlightPosts).Where(i => outcomes[i] == PostOutcome.Acknowledged).ToArray();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: A killed with {openAtKill} posts unanswered; " +
                             $"{acknowledged.Length} acknowledged, {outcomes.Count(o => o == PostOutcome.Lost)} cut off, {outcomes.Count(o => o == PostOutcome.Refused)} refused");
            Assert.True(openAtKill > 0, "A was killed while posts were in flight");
            Assert.True(acknowledged.Length >= InFlightPosts / 4);

            // Every acknowledged post is stored exactly once; nothing else changed.
            await ForEachAsync(Enumerable.Range(0, InFlightPosts).ToArray(), Parallelism, async i =>
            {
                var observations = ObservationIds(await GetTwinEventuallyAsync(b.Http, targets[i]));
                Assert.Equal(observations.Distinct().Count(), observations.Count);
                Assert.Equal(["scan-1"], observations.Where(o => o != "scan-2"));
                if (outcomes[i] == PostOutcome.Acknowledged)
                {
                    Assert.Single(observations, o => o == "scan-2");
                }
            });
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: all {acknowledged.Length} acknowledged posts present exactly once (read through B)");

            // A client retrying the unanswered posts through B completes each exactly once.
            var retried = Enumerable.Range(0, InFlightPosts).Where(i => outcomes[i] != PostOutcome.Acknowledged).ToArray();
            await ForEachAsync(retried, Parallelism, async i =>
            {
                using var response = await Json.PostAsync(b.Http, $"/api/twins/{targets[i]}/observations", Observation(2));
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"retry of {targets[i]}: {response.StatusCode}");
                Assert.Single(ObservationIds(await GetTwinAsync(b.Http, targets[i])), o => o == "scan-2");
            });

            // A comes back on the same ports as a new generation and serves again.
            restarted = SiloProcess.Start("a2", connectionString, serviceId, (a.HttpPort, a.SiloPort, FreePort.Next()));
            await restarted.WaitReadyAsync(StartTimeout);
            var served = await serving;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: A rejoined; B answered {served.Answered} of {served.Sent} requests while A was down " +
                             $"({served.Ok} with 200, {served.Failed} with an error status [{string.Join(", ", served.Errors)}], {served.TimedOut} timed out, {served.Refused} refused)");

            // B kept serving: at least 95% of its answers were 200, none timed out or was refused, and the
            // only other answer is 503 with Retry-After (a read still routed to the dead silo), during the
            // failover only.
            Assert.False(b.HasExited);
            Assert.True(served.Sent >= 250, $"only {served.Sent} requests were sent to B");
            Assert.Equal(0, served.Refused);
            Assert.Equal(0, served.TimedOut);
            Assert.True(served.Ok >= 0.95 * served.Sent, $"B answered {served.Ok} of {served.Sent} requests with 200");
            Assert.All(served.ErrorAnswers, e =>
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
                Assert.True(e.RetryAfter, $"a 503 at {e.AfterKill.TotalSeconds:F1} s without Retry-After");
                Assert.True(e.AfterKill < FailoverWindow, $"a 503 at {e.AfterKill.TotalSeconds:F1} s after the kill, past the failover window");
            });
            Assert.Equal(2L, await ActiveSilosAsync(serviceId));
            Assert.Equal(1L, await DeadSilosAsync(serviceId));
            Assert.Equal(["scan-1", "scan-2"], ObservationIds(await GetTwinAsync(restarted.Http, targets[0])));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: done");
        }
        catch
        {
            foreach (var silo in new[] { a, b, restarted })
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
            foreach (var silo in new[] { restarted, b, a })
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

    private static string Observation(int k) =>
        $$"""{"observationId": "scan-{{k}}", "takenOn": "2024-0{{k + 1}}-01", "tumourVolumeMl": {{100 + k}}.5}""";

    private static List<string> ObservationIds(JsonNode twin) =>
        [.. twin["observations"]!.AsArray().Select(o => (string)o!["observationId"]!)];

    private static async Task<JsonNode> GetTwinAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/api/twins/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>Reads a twin, retrying while the cluster still routes it to the dead silo.</summary>
    private static async Task<JsonNode> GetTwinEventuallyAsync(HttpClient http, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync($"/api/twins/{id}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await Json.ReadAsync(response);
                }
            }
            catch (TaskCanceledException) when (attempt < 10)
            {
            }

            Assert.True(attempt < 120, $"twin {id} was not served within the failover window");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// From the kill (<paramref name="killed"/>) on, keeps reading twins and /health through B, one
    /// request every 50 ms, until 200 have been answered with 200 (past the failover window),
    /// counting how B answered.
    /// </summary>
    private static async Task<ServingRecord> ServeThroughBAsync(SiloProcess b, string[] ids, Task killed)
    {
        await killed;
        var sinceKill = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = b.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = b.Http.DefaultRequestHeaders.Authorization;
        var record = new ServingRecord();
        var next = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
        while (DateTime.UtcNow < deadline)
        {
            var url = next % 5 == 0 ? "/health" : $"/api/twins/{ids[next % ids.Length]}";
            next++;
            record.Sent++;
            try
            {
                using var response = await http.GetAsync(url);
                record.Answered++;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    record.Ok++;
                }
                else
                {
                    record.Failed++;
                    var answer = new ErrorAnswer(sinceKill.Elapsed, response.StatusCode, response.Headers.RetryAfter is not null);
                    record.ErrorAnswers.Add(answer);
                    record.Errors.Add($"{(int)response.StatusCode} {(url == "/health" ? url : "/api/twins/{id}")} at {answer.AfterKill.TotalSeconds:F1} s" +
                                      (answer.RetryAfter ? " with Retry-After" : ""));
                }
            }
            catch (TaskCanceledException)
            {
                record.TimedOut++;
            }
            catch (HttpRequestException)
            {
                record.Refused++;
            }

            if (record.Ok >= 200 && record.Answered >= 250)
            {
                break;
            }

            await Task.Delay(50);
        }

        return record;
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallelism, Func<T, Task> body) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await body(item));

    private static Task<long> ActiveSilosAsync(string serviceId) => PostgresTestDatabase.ScalarAsync<long>(
        PostgresTestDatabase.ConnectionString, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3", ("id", serviceId));

    private static Task<long> DeadSilosAsync(string serviceId) => PostgresTestDatabase.ScalarAsync<long>(
        PostgresTestDatabase.ConnectionString, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 6", ("id", serviceId));

    private enum PostOutcome
    {
        Lost,
        Acknowledged,
        Refused,
    }

    /// <summary>A non-200 answer of B: when (after the kill), its status, and whether it said when to retry.</summary>
    private sealed record ErrorAnswer(TimeSpan AfterKill, HttpStatusCode Status, bool RetryAfter);

    private sealed class ServingRecord
    {
        public int Sent { get; set; }

        public int Answered { get; set; }

        public int Ok { get; set; }

        public int Failed { get; set; }

        public int TimedOut { get; set; }

        public int Refused { get; set; }

        /// <summary>The error answers, as "status route at time".</summary>
        public List<string> Errors { get; } = [];

        public List<ErrorAnswer> ErrorAnswers { get; } = [];
    }
}
