using Microsoft.Extensions.DependencyInjection;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// The run index's watchdog in one silo with an in-memory reminder service: it finishes runs that nothing
/// else would touch again before a restart, holds its reminder only while it lists runs, and a run keeps
/// the activation that drives a local job, so no tick re-creates it (elsewhere) while the job runs.
/// </summary>
[Collection(WatchdogFixture.Collection)]
public sealed class WatchdogTests(WatchdogFixture fixture) : SchedulerTestsBase<WatchdogFixture>(fixture)
{
    [Fact]
    public async Task A_job_whose_finish_never_arrived_is_finished_by_the_watchdog_without_a_restart()
    {
        var stepId = NewStepId("forgotten");

        await Fixture.Scheduler.SubmitAsync(Forgotten(stepId), Owner());

        var final = await WaitForOwnerAsync(stepId);
        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal($"{stepId}~1", final.BackendJobId);
        Assert.True(Fixture.Forgetful.Reattaches(stepId) >= 1);
    }

    [Fact]
    public async Task A_shard_holds_its_watchdog_reminder_only_while_it_lists_runs()
    {
        var stepId = NewStepId("shard");
        var shard = Fixture.Grains.GetGrain<IRunIndexGrain>(RunIndexShards.ShardOf(stepId));
        var reminders = Fixture.SiloServices.GetRequiredService<IReminderTable>();

        await Fixture.Scheduler.SubmitAsync(Forgotten(stepId), Owner());

        // The add registered it (the run is listed until the watchdog has finished it, a tick later at the earliest).
        var registered = Assert.Single((await reminders.ReadRows(shard.GetGrainId())).Reminders);
        Assert.Equal(IndexWatchdog.ReminderName, registered.ReminderName);
        Assert.Equal(WatchdogFixture.Period, registered.Period);
        Assert.Contains(stepId, await shard.GetAsync());

        await WaitForOwnerAsync(stepId);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while ((await shard.GetAsync()).Length > 0 || (await reminders.ReadRows(shard.GetGrainId())).Reminders.Count > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the empty shard kept its reminder");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_run_driving_a_local_job_keeps_its_activation_until_the_job_ends()
    {
        var stepId = NewStepId("held");
        var run = Fixture.Grains.GetGrain<ISimulationRunGrain>(stepId);
        var management = Fixture.Grains.GetGrain<IManagementGrain>(0);

        await Fixture.Scheduler.SubmitAsync(StepDocuments.Spin(stepId, 3), Owner());
        await WaitForStateAsync(stepId, s => s.State == RunState.Running);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var whileRunning = await management.GetActivationAddress(run);

        var final = await WaitForOwnerAsync(stepId);
        Assert.NotNull(whileRunning);
        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal(1, Fixture.Runner.Executions(stepId));
    }

    private static StepSpec Forgotten(string stepId)
        => new(stepId, WatchdogFixture.ForgottenTask, "{}"u8.ToArray(), StepResources.Default);
}
