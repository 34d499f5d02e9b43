using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;

namespace Primage.Silo.Tests.Slurm;

/// <summary>What the backend concludes from what SLURM says, on an in-memory cluster (fast, no SSH).</summary>
public sealed class SlurmBackendLogicTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until the backend has polled three more times, enough for a wrong conclusion to have shown
    /// up (counted, not timed, so a loaded machine cannot make the wait too short), or until it tracks no
    /// job and so stops polling (then no later poll can conclude anything; a poll under way gets a moment).
    /// </summary>
    private static async Task SeveralPollsAsync(FakeSlurmCluster cluster, SlurmBackend backend)
    {
        var target = cluster.PollCalls + 3;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (cluster.PollCalls < target)
        {
            if (backend.InFlight == 0)
            {
                await Task.Delay(300);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the backend polled {cluster.PollCalls} times, expected {target}");
            await Task.Delay(20);
        }
    }

    private static readonly byte[] ValidOutput = Encoding.UTF8.GetBytes("""{"schema":"primage.step-output/1","stepId":"s","result":{}}""");

    private static SlurmBackend Backend(FakeSlurmCluster cluster, IStepEventSink sink, Action<SlurmClusterOptions>? configure = null)
    {
        var options = new SlurmClusterOptions
        {
            Name = "fake",
            Host = "login",
            User = "u",
            KeyFile = "/dev/null",
            HostKeyFingerprint = "x",
            Partition = "p",
            WorkDirectory = "/w",
            PollInterval = TimeSpan.FromMilliseconds(100),
            ControllerCallsPerSecond = 100,
            ControllerBurst = 50,
        };
        configure?.Invoke(options);
        return new(options, sink, NullLogger.Instance, TimeProvider.System, cluster);
    }

    [Fact]
    public async Task The_token_bucket_caps_controller_calls_below_what_the_poll_interval_asks()
    {
        // Polling every 100 ms (the smallest interval allowed) would ask the controller 10 times a second;
        // the bucket allows a burst of 2, then 2 per second. A job nobody knows keeps the poller asking.
        var cluster = new FakeSlurmCluster();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var backend = Backend(cluster, new RecordingSink(), o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.ControllerCallsPerSecond = 2;
            o.ControllerBurst = 2;
        });
        await backend.ReattachAsync("lost", "999", 1, default);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var calls = backend.Statistics.ControllerCalls;
        var polls = cluster.PollCalls;
        // One token of slack: a replenishment may land on the very instant the count is read.
        var bound = 3 + (2 * started.Elapsed.TotalSeconds);

        // An upper bound from the elapsed time (a slow machine only lowers the count), and proof the poller ran.
        Assert.True(calls <= bound, $"{calls} controller calls in {started.Elapsed.TotalSeconds:F2} s; the bucket allows {bound:F1}");
        Assert.InRange(polls, 2, (int)bound);
    }

    private static StepSpec Step(string id) => new(id, "echo", [], StepResources.Default);

    [Fact]
    public async Task A_job_nobody_knows_is_never_reported_finished()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);

        await backend.ReattachAsync("lost", "999", 1, default);
        await SeveralPollsAsync(cluster, backend);

        Assert.Equal(0, sink.CountFor("lost"));
        Assert.Equal(1, backend.InFlight);
    }

    [Fact]
    public async Task When_squeue_fails_a_missing_job_is_not_taken_as_finished()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);
        var jobId = await backend.SubmitAsync(Step("s"), 1, default);
        cluster.QueueFails = true;
        cluster.Set(jobId, "COMPLETED");
        cluster.Files["s.a1/output.json"] = ValidOutput;

        await SeveralPollsAsync(cluster, backend);
        Assert.Equal(0, sink.CountFor("s"));

        cluster.QueueFails = false;
        var result = await sink.WaitAsync("s", Wait);
        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(ValidOutput, result.OutputDocument);
    }

    [Fact]
    public async Task A_job_squeue_forgot_is_finished_from_the_completion_log()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);
        cluster.Log["42"] = new SlurmJobStatus("42", "old.a2", "TIMEOUT", 0, 0, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1));

        await backend.ReattachAsync("old", "42", 2, default);
        var result = await sink.WaitAsync("old", Wait);

        Assert.Equal(StepOutcome.Timeout, result.Outcome);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(1), result.FinishedAt);
    }

    [Fact]
    public async Task A_job_id_now_carrying_another_name_is_not_our_result()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);
        cluster.Log["42"] = new SlurmJobStatus("42", "someone-else.a1", "COMPLETED", 0, 0, null, null, null);

        await backend.ReattachAsync("mine", "42", 1, default);
        await SeveralPollsAsync(cluster, backend);

        Assert.Equal(0, sink.CountFor("mine"));
        Assert.Equal(1, backend.InFlight);
    }

    [Theory]
    [InlineData("FAILED", 2, StepOutcome.InputRejected)]
    [InlineData("FAILED", 1, StepOutcome.Failed)]
    [InlineData("NODE_FAIL", 0, StepOutcome.NodeFail)]
    [InlineData("PREEMPTED", 0, StepOutcome.Preempted)]
    [InlineData("OUT_OF_MEMORY", 0, StepOutcome.OutOfMemory)]
    public async Task Terminal_states_reach_the_sink_with_the_stderr_of_the_step(string state, int exit, StepOutcome outcome)
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);
        var jobId = await backend.SubmitAsync(Step("s"), 1, default);
        cluster.Files["s.a1/stderr.txt"] = Encoding.UTF8.GetBytes("invalid input: parameters.value: is required\n");

        cluster.Set(jobId, state, exit);
        var result = await sink.WaitAsync("s", Wait);

        Assert.Equal(outcome, result.Outcome);
        Assert.Null(result.OutputDocument);
        Assert.Contains("invalid input: parameters.value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completed_without_a_valid_output_document_is_a_failure()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);
        var jobId = await backend.SubmitAsync(Step("s"), 1, default);
        cluster.Files["s.a1/output.json"] = Encoding.UTF8.GetBytes("{\"schema\":\"something-else\"}");

        cluster.Set(jobId, "COMPLETED");
        var result = await sink.WaitAsync("s", Wait);

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Null(result.OutputDocument);
        Assert.Contains("not a valid step output", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_the_sink_refused_is_delivered_at_a_later_poll_and_only_once()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new FlakySink(failures: 2);
        await using var backend = Backend(cluster, sink);
        var jobId = await backend.SubmitAsync(Step("s"), 1, default);
        cluster.Files["s.a1/output.json"] = ValidOutput;

        cluster.Set(jobId, "COMPLETED");
        var result = await sink.Inner.WaitAsync("s", Wait);
        await SeveralPollsAsync(cluster, backend);

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sink.Inner.CountFor("s"));
        Assert.Equal(0, backend.InFlight);
    }

    [Fact]
    public async Task Concurrent_submissions_share_one_command_and_one_step_gets_one_job()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => backend.SubmitAsync(Step($"s{i % 10}"), 1, default)));

        Assert.Equal(1, cluster.SubmitCalls);
        Assert.Equal(10, ids.Distinct().Count());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ids[i], ids[i + 10]);
        }

        Assert.Equal(ids[3], await backend.SubmitAsync(Step("s3"), 1, default));
        Assert.Equal(1, cluster.SubmitCalls);
    }

    [Fact]
    public async Task Cancel_reports_cancelled_once()
    {
        var cluster = new FakeSlurmCluster();
        var sink = new RecordingSink();
        await using var backend = Backend(cluster, sink);
        var jobId = await backend.SubmitAsync(Step("s"), 1, default);
        cluster.Set(jobId, "RUNNING");
        await sink.WaitRunningAsync("s", Wait);

        await backend.CancelAsync("s", jobId, default);
        var result = await sink.WaitAsync("s", Wait);
        await SeveralPollsAsync(cluster, backend);

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(1, sink.CountFor("s"));
    }

    private sealed class FlakySink(int failures) : IStepEventSink
    {
        private int _failures = failures;

        public RecordingSink Inner { get; } = new();

        public Task OnStepRunningAsync(string stepId, string backendJobId, DateTimeOffset startedAt)
            => Inner.OnStepRunningAsync(stepId, backendJobId, startedAt);

        public Task OnStepFinishedAsync(StepResult result)
            => Interlocked.Decrement(ref _failures) >= 0
                ? throw new InvalidOperationException("the run grain is not reachable")
                : Inner.OnStepFinishedAsync(result);
    }
}
