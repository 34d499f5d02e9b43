using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;
using Primage.Kernels.Runner;
using Primage.Silo.Backends.Local;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>The local backend alone, with a gated runner: fairness, bounds, idempotency, outcomes, reattach.</summary>
public sealed class LocalBackendTests : IDisposable
{
    private readonly RecordingSink _sink = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ManualResetEventSlim _gate = new(false);
    private int _concurrent;
    private int _maxConcurrent;

    [Fact]
    public async Task Owners_take_turns_so_a_long_queue_does_not_starve_another_owner()
    {
        using var backend = Backend(maxParallelism: 1, GatedRunner);
        await backend.SubmitAsync(Spec("a0", "A"), 1, default);
        for (var i = 1; i <= 4; i++)
        {
            await backend.SubmitAsync(Spec($"a{i}", "A"), 1, default);
        }

        await backend.SubmitAsync(Spec("b0", "B"), 1, default);
        _gate.Set();
        await Task.WhenAll(new[] { "a0", "a1", "a2", "a3", "a4", "b0" }.Select(_sink.FinishedAsync));

        // a0 was already running; then the ring alternates A, B, A, ...: a1, b0, a2, a3, a4 (FIFO would put b0 last).
        Assert.Equal(["a0", "a1", "b0", "a2", "a3", "a4"], _order.ToArray());
    }

    [Fact]
    public async Task No_more_than_MaxParallelism_steps_run_at_once()
    {
        using var backend = Backend(maxParallelism: 2, GatedRunner);
        var ids = Enumerable.Range(0, 6).Select(i => $"p{i}").ToArray();
        foreach (var id in ids)
        {
            await backend.SubmitAsync(Spec(id, id), 1, default);
        }

        while (Volatile.Read(ref _concurrent) < 2)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, backend.RunningCount);
        _gate.Set();
        await Task.WhenAll(ids.Select(_sink.FinishedAsync));
        Assert.Equal(2, _maxConcurrent);
        Assert.All(_sink.Finished, r => Assert.Equal(StepOutcome.Succeeded, r.Outcome));
    }

    [Fact]
    public async Task Submitting_the_same_step_and_attempt_twice_runs_it_once()
    {
        using var backend = Backend(maxParallelism: 2, GatedRunner);

        var first = await backend.SubmitAsync(Spec("same", "A"), 1, default);
        var second = await backend.SubmitAsync(Spec("same", "A"), 1, default);
        _gate.Set();
        await _sink.FinishedAsync("same");

        Assert.Equal("same#1", first);
        Assert.Equal(first, second);
        Assert.Equal(["same"], _order.ToArray());
        Assert.Single(_sink.Finished);
    }

    [Fact]
    public async Task A_new_attempt_of_a_finished_step_runs_again_under_a_new_job_id()
    {
        using var backend = Backend(maxParallelism: 1, GatedRunner);
        _gate.Set();
        var first = await backend.SubmitAsync(Spec("again", "A"), 1, default);
        await _sink.FinishedAsync("again");

        var second = await backend.SubmitAsync(Spec("again", "A"), 2, default);
        while (_sink.Finished.Count < 2)
        {
            await Task.Delay(10);
        }

        Assert.Equal("again#1", first);
        Assert.Equal("again#2", second);
        Assert.Equal(["again", "again"], _order.ToArray());
    }

    [Fact]
    public async Task Reattaching_to_a_job_this_process_never_ran_runs_the_step_from_its_durable_spec()
    {
        using var backend = Backend(maxParallelism: 1, GatedRunner);
        _sink.Specs["lost"] = Spec("lost", "A");
        _gate.Set();

        await backend.ReattachAsync("lost", "lost#1", 1, default);
        var result = await _sink.FinishedAsync("lost");

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal("lost#1", result.BackendJobId);
        Assert.Equal(["lost"], _order.ToArray());
    }

    [Fact]
    public async Task Reattaching_to_a_finished_job_reports_its_result_again_without_rerunning()
    {
        using var backend = Backend(maxParallelism: 1, GatedRunner);
        _gate.Set();
        var jobId = await backend.SubmitAsync(Spec("done", "A"), 1, default);
        await _sink.FinishedAsync("done");

        await backend.ReattachAsync("done", jobId, 1, default);

        Assert.Equal(2, _sink.Finished.Count(r => r.StepId == "done"));
        Assert.Equal(["done"], _order.ToArray());
    }

    [Fact]
    public async Task Cancelling_a_queued_step_reports_cancelled_without_running_it()
    {
        using var backend = Backend(maxParallelism: 1, GatedRunner);
        await backend.SubmitAsync(Spec("busy", "A"), 1, default);
        var queued = await backend.SubmitAsync(Spec("queued", "B"), 1, default);

        await backend.CancelAsync("queued", queued, default);
        var cancelled = await _sink.FinishedAsync("queued");
        _gate.Set();
        await _sink.FinishedAsync("busy");

        Assert.Equal(StepOutcome.Cancelled, cancelled.Outcome);
        Assert.Equal(["busy"], _order.ToArray());
    }

    [Fact]
    public async Task Runner_exceptions_map_to_outcomes()
    {
        using var backend = Backend(maxParallelism: 2, (input, _, _) =>
        {
            var text = System.Text.Encoding.UTF8.GetString(input);
            throw text.Contains("reject", StringComparison.Ordinal)
                ? new StepInputException("parameters.x", "bad")
                : new InvalidOperationException("kernel diverged");
        });

        await backend.SubmitAsync(Spec("reject", "A"), 1, default);
        await backend.SubmitAsync(Spec("crash", "A"), 1, default);
        var rejected = await _sink.FinishedAsync("reject");
        var crashed = await _sink.FinishedAsync("crash");

        Assert.Equal(StepOutcome.InputRejected, rejected.Outcome);
        Assert.Equal("parameters.x: bad", rejected.Error);
        Assert.Equal(StepOutcome.Failed, crashed.Outcome);
        Assert.Contains("kernel diverged", crashed.Error, StringComparison.Ordinal);
        Assert.Null(crashed.OutputDocument);
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
    }

    private LocalBackend Backend(int maxParallelism, LocalStepRunner runner)
        => new(
            _sink,
            _sink,
            Options.Create(new LocalBackendOptions { MaxParallelism = maxParallelism, IncludeTimings = false }),
            runner,
            TimeProvider.System,
            NullLogger<LocalBackend>.Instance);

    /// <summary>Records the order steps start in, tracks concurrency, and holds every step until the gate opens.</summary>
    private byte[] GatedRunner(ReadOnlySpan<byte> input, bool includeTimings, CancellationToken cancellationToken)
    {
        var stepId = System.Text.Json.JsonDocument.Parse(input.ToArray()).RootElement.GetProperty("stepId").GetString()!;
        _order.Enqueue(stepId);
        var now = Interlocked.Increment(ref _concurrent);
        InterlockedMax(ref _maxConcurrent, now);
        try
        {
            _gate.Wait(cancellationToken);
            return input.ToArray();
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static StepSpec Spec(string stepId, string owner) => StepDocuments.Echo(stepId, 1, owner);
}
