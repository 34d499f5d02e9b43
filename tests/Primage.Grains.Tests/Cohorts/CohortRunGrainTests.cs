using System.Text;
using System.Text.Json.Nodes;
using Primage.Grains.Cohorts;
using Primage.Grains.Scenarios;
using Primage.Grains.Tests.Infrastructure;
using Primage.Grains.Twins;

namespace Primage.Grains.Tests.Cohorts;

[Collection(ClusterCollection.Name)]
public sealed class CohortRunGrainTests(ClusterFixture fixture)
{
    private static readonly TwinProfile Dipg = new("lafe", Diagnosis.Dipg, new DateOnly(2024, 1, 5), 84, "male", DiseaseMarkers.None);

    private static readonly CohortScenario[] Plans =
    [
        new("a", "39 Gy / 13", [new TherapyRecord("rt", TherapyKind.Radiotherapy, new DateOnly(2024, 3, 4), 3.0, 13, 5)]),
        new("b", "54 Gy / 30", [new TherapyRecord("rt", TherapyKind.Radiotherapy, new DateOnly(2024, 3, 4), 1.8, 30, 5)]),
    ];

    [Fact]
    public async Task The_window_bounds_the_fan_out_failures_are_isolated_and_progress_counts_every_member()
    {
        var cohort = "c" + Guid.NewGuid().ToString("N")[..8];
        var t1 = await TwinAsync();
        var t2 = await TwinAsync();
        var missing = "missing-" + Guid.NewGuid().ToString("N")[..8];
        var run = fixture.Grains.GetGrain<ICohortRunGrain>($"{cohort}/r1");

        Assert.Equal(WriteOutcome.Created, (await run.StartAsync([t1, missing, t2], Plans, maxInFlight: 2)).Outcome);

        // Only the first two members are with the scheduler.
        await WaitSubmittedAsync(Step(t1, cohort, "a"));
        await WaitSubmittedAsync(Step(t1, cohort, "b"));
        Assert.False(Submitted(Step(t2, cohort, "a")));
        var progress = (await run.GetProgressAsync())!;
        Assert.Equal((6, 0, 2), (progress.Total, progress.Done, progress.InFlight));

        // One finishing frees a slot: the missing twin's two members fail at once and t2/a starts.
        await ClusterFixture.Scheduler.FinishAsync(Step(t1, cohort, "a"), Output());
        await WaitSubmittedAsync(Step(t2, cohort, "a"));
        Assert.False(Submitted(Step(t2, cohort, "b")));

        // A failed forecast is counted and the run goes on.
        await ClusterFixture.Scheduler.FinishAsync(Step(t1, cohort, "b"), null, "boom");
        await WaitSubmittedAsync(Step(t2, cohort, "b"));
        await ClusterFixture.Scheduler.FinishAsync(Step(t2, cohort, "a"), Output());
        await ClusterFixture.Scheduler.FinishAsync(Step(t2, cohort, "b"), Output());

        progress = await WaitAsync(run, p => p.Status == CohortRunStatus.Completed);
        Assert.Equal((6, 6, 3, 0), (progress.Total, progress.Done, progress.Failed, progress.InFlight));

        // Members k = twin index * 2 + scenario index: t1/b (failed forecast), missing/a and missing/b (refused).
        Assert.Equal([1, 2, 3], progress.FailedMembers!);
        Assert.Equal(["r1"], (await fixture.Grains.GetGrain<ICohortGrain>(cohort).GetAsync())!.RunIds);
    }

    [Fact]
    public async Task A_cancelled_run_starts_nothing_new_and_resumes_where_it_stopped()
    {
        var cohort = "c" + Guid.NewGuid().ToString("N")[..8];
        var t1 = await TwinAsync();
        var run = fixture.Grains.GetGrain<ICohortRunGrain>($"{cohort}/r1");
        await run.StartAsync([t1], Plans, maxInFlight: 1);
        await WaitSubmittedAsync(Step(t1, cohort, "a"));

        await run.CancelAsync();
        await ClusterFixture.Scheduler.FinishAsync(Step(t1, cohort, "a"), Output());
        var cancelled = await WaitAsync(run, p => p.Done == 1);
        Assert.Equal(CohortRunStatus.Cancelled, cancelled.Status);
        await Task.Delay(200);
        Assert.False(Submitted(Step(t1, cohort, "b")));

        await run.ResumeAsync();
        await WaitSubmittedAsync(Step(t1, cohort, "b"));
        await ClusterFixture.Scheduler.FinishAsync(Step(t1, cohort, "b"), Output());
        var done = await WaitAsync(run, p => p.Status == CohortRunStatus.Completed);
        Assert.Equal((2, 2, 0), (done.Total, done.Done, done.Failed));

        // The finished member kept its single forecast: same scenario, still completed, same step.
        var first = await fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(t1, $"{cohort}-r1-a")).GetAsync();
        Assert.Equal(ScenarioStatus.Completed, first!.Status);
        Assert.Single(ClusterFixture.Scheduler.Submitted, s => s.StepId == Step(t1, cohort, "a"));
    }

    private async Task<string> TwinAsync()
    {
        var id = "m-" + Guid.NewGuid().ToString("N")[..12];
        var twin = fixture.Grains.GetGrain<IPatientTwinGrain>(id);
        await twin.PutProfileAsync(Dipg);
        await twin.AddObservationAsync(new Observation("scan-1", new DateOnly(2024, 2, 1), 20.0));
        return id;
    }

    private static string Step(string twinId, string cohort, string scenario) => ScenarioKeys.StepId(twinId, $"{cohort}-r1-{scenario}");

    private static bool Submitted(string stepId) => ClusterFixture.Scheduler.Submitted.Any(s => s.StepId == stepId);

    private static async Task WaitSubmittedAsync(string stepId)
    {
        for (var i = 0; i < 3000 && !Submitted(stepId); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(Submitted(stepId), $"{stepId} was never submitted");
    }

    private static async Task<CohortProgress> WaitAsync(ICohortRunGrain run, Func<CohortProgress, bool> done)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (await run.GetProgressAsync() is { } p && done(p))
            {
                return p;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the run never reached the expected state");
    }

    private static byte[] Output() => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["kernelVersion"] = "test",
        ["result"] = new JsonObject
        {
            ["trajectory"] = new JsonArray(new JsonObject { ["day"] = 0, ["q05"] = 1.0, ["q25"] = 1.0, ["q50"] = 1.0, ["q75"] = 1.0, ["q95"] = 1.0 }),
            ["endpoints"] = new JsonObject { ["nadirVolumeMl"] = 1.0 },
        },
    }.ToJsonString());
}
