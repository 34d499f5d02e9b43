using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// The behaviours every scheduler + backend pair must show, whatever runs the steps. Subclasses bind a
/// fixture: the Orleans scheduler and the Akka.NET scheduler on the local backend here; a SLURM fixture
/// (overriding <see cref="SchedulerClusterFixture.CreateBackend"/>) runs the same tests on a real cluster.
/// </summary>
public abstract class SchedulerContractTests<TFixture>(TFixture fixture) : SchedulerTestsBase<TFixture>(fixture)
    where TFixture : SchedulerClusterFixture
{
    [SkippableFact]
    public async Task Submit_echo_succeeds_with_its_output_and_tells_the_owner_once()
    {
        SkipUnlessAvailable();
        var stepId = NewStepId("echo");
        var owner = Owner();

        var submitted = await Fixture.Scheduler.SubmitAsync(StepDocuments.Echo(stepId, 4242), owner);

        Assert.Equal(stepId, submitted.StepId);
        Assert.False(submitted.IsTerminal);
        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal(StepOutcome.Succeeded, final.Outcome);
        Assert.Equal(1, final.Attempts);
        Assert.Equal(4242, StepDocuments.EchoValue(final.OutputDocument!));
        Assert.NotNull(final.BackendJobId);
        Assert.NotNull(final.FinishedAt);
        var status = await Fixture.Scheduler.GetStatusAsync(stepId);
        Assert.Equal(RunState.Succeeded, status!.State);
        Assert.Single(RecordingOwnerGrain.CallbacksFor(stepId));
    }

    [SkippableFact]
    public async Task Rejected_input_fails_without_retry_after_one_attempt()
    {
        SkipUnlessAvailable();
        var stepId = NewStepId("bad");

        await Fixture.Scheduler.SubmitAsync(StepDocuments.BadEcho(stepId), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal(StepOutcome.InputRejected, final.Outcome);
        Assert.Equal(1, final.Attempts);
        Assert.Null(final.OutputDocument);
        Assert.Single(Fixture.Jobs.JobsOf(stepId));
        Assert.Single(RecordingOwnerGrain.CallbacksFor(stepId));
    }

    [SkippableFact]
    public async Task Cancelling_a_long_spin_leaves_it_cancelled()
    {
        SkipUnlessAvailable();
        var stepId = NewStepId("cancel");
        await Fixture.Scheduler.SubmitAsync(StepDocuments.Spin(stepId, 600), Owner());
        await WaitForStateAsync(stepId, s => s.State == RunState.Running);

        var cancelled = await Fixture.Scheduler.CancelAsync(stepId);

        Assert.Equal(RunState.Cancelled, cancelled!.State);
        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Cancelled, final.State);
        Assert.Equal(StepOutcome.Cancelled, final.Outcome);
        Assert.Single(RecordingOwnerGrain.CallbacksFor(stepId));
        Assert.Equal(RunState.Cancelled, (await Fixture.Scheduler.GetStatusAsync(stepId))!.State);
    }

    [SkippableFact]
    public async Task A_spin_longer_than_its_walltime_times_out()
    {
        SkipUnlessAvailable();
        var stepId = NewStepId("walltime");

        await Fixture.Scheduler.SubmitAsync(StepDocuments.Spin(stepId, 600, walltime: TimeSpan.FromSeconds(1)), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal(StepOutcome.Timeout, final.Outcome);
        Assert.Equal(1, final.Attempts);
    }

    [SkippableFact]
    public async Task Fifty_concurrent_steps_each_succeed_exactly_once()
    {
        SkipUnlessAvailable();
        const int Count = 50;
        var prefix = NewStepId("fifty");
        var owner = Owner();
        var stepIds = Enumerable.Range(0, Count).Select(i => $"{prefix}-{i}").ToArray();

        await Task.WhenAll(stepIds.Select((id, i) => Fixture.Scheduler.SubmitAsync(
            StepDocuments.Echo(id, i, owner: $"twin-{i % 5}"), owner)));

        for (var i = 0; i < Count; i++)
        {
            var final = await WaitForOwnerAsync(stepIds[i]);
            Assert.Equal(RunState.Succeeded, final.State);
            Assert.Equal(i, StepDocuments.EchoValue(final.OutputDocument!));
            Assert.Equal(1, final.Attempts);
        }

        foreach (var id in stepIds)
        {
            Assert.Single(RecordingOwnerGrain.CallbacksFor(id));
            Assert.Single(Fixture.Jobs.JobsOf(id));
        }
    }

    [SkippableFact]
    public async Task Submitting_the_same_step_twice_makes_one_run_and_one_job()
    {
        SkipUnlessAvailable();
        var stepId = NewStepId("twice");
        var owner = Owner();
        var spec = StepDocuments.Echo(stepId, 7);

        var both = await Task.WhenAll(Fixture.Scheduler.SubmitAsync(spec, owner), Fixture.Scheduler.SubmitAsync(spec, owner));
        var final = await WaitForOwnerAsync(stepId);
        var again = await Fixture.Scheduler.SubmitAsync(spec, owner);

        Assert.Equal(both[0].CreatedAt, both[1].CreatedAt);
        Assert.Equal(RunState.Succeeded, again.State);
        Assert.Equal(final.BackendJobId, again.BackendJobId);
        Assert.Single(Fixture.Jobs.JobsOf(stepId));
        Assert.Single(RecordingOwnerGrain.CallbacksFor(stepId));
    }

    [SkippableFact]
    public async Task Unknown_step_has_no_status_and_cannot_be_cancelled()
    {
        SkipUnlessAvailable();
        var stepId = NewStepId("unknown");

        Assert.Null(await Fixture.Scheduler.GetStatusAsync(stepId));
        Assert.Null(await Fixture.Scheduler.CancelAsync(stepId));
    }

    [SkippableFact]
    public async Task Runs_survive_a_cluster_restart_and_finish_exactly_once()
    {
        SkipUnlessAvailable();
        var done = NewStepId("restart-done");
        var inFlight = Enumerable.Range(0, 3).Select(i => NewStepId($"restart-spin{i}")).ToArray();
        var owner = Owner();
        await Fixture.Scheduler.SubmitAsync(StepDocuments.Echo(done, 99), owner);
        await WaitForOwnerAsync(done);
        foreach (var id in inFlight)
        {
            await Fixture.Scheduler.SubmitAsync(StepDocuments.Spin(id, 5), owner);
        }

        foreach (var id in inFlight)
        {
            await WaitForStateAsync(id, s => s.State == RunState.Running);
        }

        await Fixture.RestartAsync();

        var kept = await Fixture.Scheduler.GetStatusAsync(done);
        Assert.Equal(RunState.Succeeded, kept!.State);
        Assert.Equal(99, StepDocuments.EchoValue(kept.OutputDocument!));
        foreach (var id in inFlight)
        {
            var final = await WaitForOwnerAsync(id);
            Assert.Equal(RunState.Succeeded, final.State);
            Assert.Equal(1, final.Attempts);
            Assert.Single(RecordingOwnerGrain.CallbacksFor(id));
            Assert.Single(Fixture.Jobs.JobsOf(id));
            if (Fixture.JobsDieWithProcess)
            {
                // Killed with the first cluster, run again from the durable spec after the restart.
                Assert.Equal(2, Fixture.Runner.Executions(id));
            }
        }

        Assert.Single(RecordingOwnerGrain.CallbacksFor(done));
    }
}
