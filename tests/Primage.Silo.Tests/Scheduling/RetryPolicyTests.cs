using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// The retry policy as both schedulers apply it, on a backend whose outcomes are scripted per attempt:
/// NodeFail and Preempted start attempt + 1 (default MaxAttempts 3); other failures end the run; an
/// unreachable backend is retried with the same attempt.
/// </summary>
public abstract class RetryPolicyTests<TFixture>(TFixture fixture) : SchedulerTestsBase<TFixture>(fixture)
    where TFixture : ScriptedSchedulerFixture
{
    [Fact]
    public async Task A_node_failure_is_retried_as_a_new_attempt_that_succeeds()
    {
        var stepId = NewStepId("nodefail");

        await Fixture.Scheduler.SubmitAsync(Scripted(stepId, "NodeFail,Succeeded"), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal(2, final.Attempts);
        Assert.Equal($"{stepId}@2", final.BackendJobId);
        Assert.Equal([$"{stepId}@1", $"{stepId}@2"], Fixture.Jobs.JobsOf(stepId).Order(StringComparer.Ordinal));
        Assert.Single(RecordingOwnerGrain.CallbacksFor(stepId));
    }

    [Fact]
    public async Task Preemption_every_time_fails_after_max_attempts()
    {
        var stepId = NewStepId("preempted");

        await Fixture.Scheduler.SubmitAsync(Scripted(stepId, "Preempted"), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal(StepOutcome.Preempted, final.Outcome);
        Assert.Equal(3, final.Attempts);
        Assert.Equal(3, Fixture.Jobs.JobsOf(stepId).Count);
    }

    [Theory]
    [InlineData(StepOutcome.Timeout)]
    [InlineData(StepOutcome.OutOfMemory)]
    [InlineData(StepOutcome.Failed)]
    [InlineData(StepOutcome.InputRejected)]
    public async Task Other_failures_are_not_retried_by_default(StepOutcome outcome)
    {
        var stepId = NewStepId(outcome.ToString());

        await Fixture.Scheduler.SubmitAsync(Scripted(stepId, $"{outcome},Succeeded"), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal(outcome, final.Outcome);
        Assert.Equal(1, final.Attempts);
        Assert.Single(Fixture.Jobs.JobsOf(stepId));
    }

    [Fact]
    public async Task An_unreachable_backend_is_retried_with_the_same_attempt()
    {
        var stepId = NewStepId("unreachable");

        await Fixture.Scheduler.SubmitAsync(Scripted(stepId, "unreachable:2/Succeeded"), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal(1, final.Attempts);
        Assert.Equal(3, Fixture.Backend.SubmitCalls(stepId));
        Assert.Equal([$"{stepId}@1"], Fixture.Jobs.JobsOf(stepId));
    }

    [Fact]
    public async Task A_backend_unreachable_for_every_try_fails_the_run()
    {
        var stepId = NewStepId("down");

        await Fixture.Scheduler.SubmitAsync(Scripted(stepId, "unreachable:100/Succeeded"), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal(StepOutcome.Failed, final.Outcome);
        Assert.Equal(5, Fixture.Backend.SubmitCalls(stepId));
        Assert.Contains("unreachable", final.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_owner_callback_is_retried_until_the_owner_accepts_it_once()
    {
        var stepId = NewStepId("flaky-owner");
        var owner = Fixture.Grains.GetGrain<IFlakyOwnerGrain>($"flaky-{Guid.NewGuid():N}");

        await Fixture.Scheduler.SubmitAsync(Scripted(stepId, "Succeeded"), owner);

        var deadline = DateTimeOffset.UtcNow + Patience;
        while (FlakyOwnerGrain.Accepted.GetValueOrDefault(stepId) == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, FlakyOwnerGrain.Calls.GetValueOrDefault(stepId));
        Assert.Equal(1, FlakyOwnerGrain.Accepted.GetValueOrDefault(stepId));
        Assert.Equal(RunState.Succeeded, (await Fixture.Scheduler.GetStatusAsync(stepId))!.State);
    }

    private static StepSpec Scripted(string stepId, string script)
        => new(stepId, script, "{}"u8.ToArray(), StepResources.Default);
}
