using Primage.Grains.Scheduling;

namespace Primage.Grains.Tests.Scheduling;

/// <summary>The run state machine and retry policy shared by the Orleans and Akka.NET schedulers.</summary>
public sealed class RunStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SimulationSchedulerOptions _options = new()
    {
        InitialBackoff = TimeSpan.FromSeconds(2),
        MaxBackoff = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void Create_records_a_pending_first_attempt_and_asks_for_an_immediate_submission()
    {
        var run = new SimulationRunState();

        var decision = RunStateMachine.Create(run, Step("s"), "local", "owner/1", T0);

        Assert.Equal(new RunDecision(true, SubmitAfter: TimeSpan.Zero), decision);
        Assert.Equal(RunState.Pending, run.State);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(T0, run.CreatedAt);
        Assert.False(run.OwnerNotified);
    }

    [Fact]
    public void A_run_without_owner_counts_as_notified()
    {
        var run = new SimulationRunState();

        RunStateMachine.Create(run, Step("s"), "local", null, T0);

        Assert.True(run.OwnerNotified);
    }

    [Fact]
    public void Happy_path_goes_pending_submitted_running_succeeded()
    {
        var run = Created();

        Assert.True(RunStateMachine.Submitted(run, 1, "j1", T0.AddSeconds(1)).Changed);
        Assert.Equal(RunState.Submitted, run.State);
        Assert.True(RunStateMachine.Running(run, "j1", T0.AddSeconds(2)).Changed);
        Assert.Equal(RunState.Running, run.State);
        var finished = RunStateMachine.Finished(run, Result("j1", StepOutcome.Succeeded, [1, 2]), _options, T0);

        Assert.True(finished.BecameTerminal);
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(new byte[] { 1, 2 }, run.OutputDocument);
        Assert.Equal(T0.AddSeconds(1), run.SubmittedAt);
        Assert.Equal(T0.AddSeconds(2), run.StartedAt);
    }

    [Fact]
    public void Events_may_overtake_the_submission_answer()
    {
        var run = Created();

        RunStateMachine.Running(run, "j1", T0);
        var submitted = RunStateMachine.Submitted(run, 1, "j1", T0);

        Assert.True(submitted.Changed);
        Assert.Equal(RunState.Running, run.State);
        Assert.Equal("j1", run.BackendJobId);
        Assert.Equal(T0, run.SubmittedAt);
    }

    [Theory]
    [InlineData(StepOutcome.NodeFail)]
    [InlineData(StepOutcome.Preempted)]
    public void Node_failure_and_preemption_start_the_next_attempt_after_exponential_backoff(StepOutcome outcome)
    {
        var run = Submitted("j1");

        var first = RunStateMachine.Finished(run, Result("j1", outcome), _options, T0);
        Assert.Equal(TimeSpan.FromSeconds(2), first.SubmitAfter);
        Assert.Equal((RunState.Pending, 2, (string?)null), (run.State, run.Attempts, run.BackendJobId));

        RunStateMachine.Submitted(run, 2, "j2", T0);
        var second = RunStateMachine.Finished(run, Result("j2", outcome), _options, T0);
        Assert.Equal(TimeSpan.FromSeconds(4), second.SubmitAfter);

        RunStateMachine.Submitted(run, 3, "j3", T0);
        var third = RunStateMachine.Finished(run, Result("j3", outcome), _options, T0);
        Assert.True(third.BecameTerminal);
        Assert.Equal((RunState.Failed, 3, outcome), (run.State, run.Attempts, run.Outcome!.Value));
    }

    [Theory]
    [InlineData(StepOutcome.InputRejected)]
    [InlineData(StepOutcome.Timeout)]
    [InlineData(StepOutcome.OutOfMemory)]
    [InlineData(StepOutcome.Failed)]
    public void Other_failures_end_the_run_at_once(StepOutcome outcome)
    {
        var run = Submitted("j1");

        var decision = RunStateMachine.Finished(run, Result("j1", outcome), _options, T0);

        Assert.True(decision.BecameTerminal);
        Assert.Null(decision.SubmitAfter);
        Assert.Equal((RunState.Failed, 1, outcome), (run.State, run.Attempts, run.Outcome!.Value));
    }

    [Fact]
    public void Configured_outcomes_are_retried_but_input_rejection_never()
    {
        var options = new SimulationSchedulerOptions { RetryOn = [StepOutcome.Timeout, StepOutcome.InputRejected] };

        Assert.True(options.Retries(StepOutcome.Timeout));
        Assert.False(options.Retries(StepOutcome.NodeFail));
        Assert.False(options.Retries(StepOutcome.InputRejected));
        Assert.False(new SimulationSchedulerOptions { RetryOn = [] }.Retries(StepOutcome.NodeFail));
    }

    [Fact]
    public void Backoff_doubles_from_the_initial_delay_and_is_capped()
    {
        Assert.Equal(
            [2, 4, 8, 10, 10],
            Enumerable.Range(1, 5).Select(n => _options.Backoff(n).TotalSeconds).ToArray());
    }

    [Fact]
    public void Events_of_a_superseded_attempt_are_ignored()
    {
        var run = Submitted("j1");
        RunStateMachine.Finished(run, Result("j1", StepOutcome.NodeFail), _options, T0);
        RunStateMachine.Submitted(run, 2, "j2", T0);

        Assert.False(RunStateMachine.Finished(run, Result("j1", StepOutcome.Succeeded), _options, T0).Changed);
        Assert.False(RunStateMachine.Running(run, "j1", T0).Changed);
        Assert.False(RunStateMachine.Submitted(run, 1, "j1", T0).Changed);
        Assert.Equal((RunState.Submitted, 2, "j2"), (run.State, run.Attempts, run.BackendJobId));
    }

    [Fact]
    public void A_repeated_terminal_event_changes_nothing()
    {
        var run = Submitted("j1");
        RunStateMachine.Finished(run, Result("j1", StepOutcome.Succeeded, [9]), _options, T0);

        var again = RunStateMachine.Finished(run, Result("j1", StepOutcome.Failed), _options, T0);

        Assert.False(again.Changed);
        Assert.Equal(RunState.Succeeded, run.State);
    }

    [Fact]
    public void Unreachable_backend_retries_the_same_attempt_then_fails()
    {
        var options = new SimulationSchedulerOptions { MaxSubmitTries = 3, InitialBackoff = TimeSpan.FromSeconds(1) };
        var run = Created();

        Assert.Equal(TimeSpan.FromSeconds(1), RunStateMachine.SubmitFailed(run, 1, "refused", options, T0).SubmitAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), RunStateMachine.SubmitFailed(run, 1, "refused", options, T0).SubmitAfter);
        var last = RunStateMachine.SubmitFailed(run, 1, "refused", options, T0);

        Assert.True(last.BecameTerminal);
        Assert.Equal((RunState.Failed, 1, StepOutcome.Failed), (run.State, run.Attempts, run.Outcome!.Value));
    }

    [Fact]
    public void Cancelling_an_in_flight_run_cancels_its_job()
    {
        var run = Submitted("j1");

        var decision = RunStateMachine.Cancel(run, T0);

        Assert.Equal(new RunDecision(true, CancelJobId: "j1", BecameTerminal: true), decision);
        Assert.Equal((RunState.Cancelled, StepOutcome.Cancelled), (run.State, run.Outcome!.Value));
    }

    [Fact]
    public void A_job_accepted_after_the_run_was_cancelled_is_cancelled_too()
    {
        var run = Created();
        RunStateMachine.Cancel(run, T0);

        var decision = RunStateMachine.Submitted(run, 1, "late", T0);

        Assert.Equal("late", decision.CancelJobId);
        Assert.Equal(RunState.Cancelled, run.State);
    }

    [Fact]
    public void Cancelling_a_finished_run_changes_nothing()
    {
        var run = Submitted("j1");
        RunStateMachine.Finished(run, Result("j1", StepOutcome.Succeeded), _options, T0);

        Assert.False(RunStateMachine.Cancel(run, T0).Changed);
        Assert.Equal(RunState.Succeeded, run.State);
    }

    [Fact]
    public void Index_shards_are_stable_and_spread()
    {
        // FNV-1a of "" is the offset basis 2166136261, and 2166136261 mod 16 = 5.
        Assert.Equal(5, RunIndexShards.ShardOf(""));
        var shards = Enumerable.Range(0, 1000).Select(i => RunIndexShards.ShardOf($"step-{i}")).ToArray();
        Assert.All(shards, s => Assert.InRange(s, 0, RunIndexShards.Count - 1));
        Assert.Equal(RunIndexShards.Count, shards.Distinct().Count());
    }

    private static StepSpec Step(string id) => new(id, "echo", [], StepResources.Default);

    private static SimulationRunState Created()
    {
        var run = new SimulationRunState();
        RunStateMachine.Create(run, Step("s"), "local", "owner/1", T0);
        return run;
    }

    private static SimulationRunState Submitted(string jobId)
    {
        var run = Created();
        RunStateMachine.Submitted(run, 1, jobId, T0);
        return run;
    }

    private static StepResult Result(string jobId, StepOutcome outcome, byte[]? output = null)
        => new("s", jobId, outcome, output, null, T0, T0, "local");
}
