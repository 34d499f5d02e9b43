using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Grains.Predictions;
using Primage.Grains.Scenarios;
using Primage.Grains.Tests.Infrastructure;
using Primage.Grains.Twins;

namespace Primage.Grains.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class ScenarioGrainTests(ClusterFixture fixture)
{
    private static readonly TwinProfile Dipg = new("lafe", Diagnosis.Dipg, new DateOnly(2024, 1, 5), 84, "male", DiseaseMarkers.None);

    private static readonly TherapyRecord Hypofractionated =
        new("rt-hypo", TherapyKind.Radiotherapy, new DateOnly(2024, 3, 4), DosePerFractionGy: 3.0, Fractions: 13, FractionsPerWeek: 5);

    [Fact]
    public async Task Forking_leaves_the_twins_state_and_predictions_unchanged()
    {
        var (twinId, twin, version) = await CalibratedTwinAsync();
        var before = await ReadTwinAsync(twinId, twin);

        var scenario = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "hypo"));
        Assert.Equal(WriteOutcome.Created, (await scenario.StartAsync("hypofractionated", [Hypofractionated])).Outcome);
        var stepId = ScenarioKeys.StepId(twinId, "hypo");
        var input = JsonNode.Parse(await WaitForSubmissionAsync(stepId))!;

        // The fork carries the twin's posterior and observations with the alternative plan.
        Assert.Equal($"POSTERIOR-{version}", (string)input["parameters"]!["priorState"]!);
        Assert.Equal(2, input["parameters"]!["observations"]!.AsArray().Count);
        Assert.Equal(3.0, input["parameters"]!["therapy"]!["radiotherapy"]![0]!["dosePerFractionGy"]!.GetValue<double>());
        Assert.Equal(ScenarioKeys.Seed(twinId, version), input["seed"]!.GetValue<long>());

        await ClusterFixture.Scheduler.FinishAsync(stepId, Output(12.5, "POSTERIOR-SCENARIO"));
        var view = await WaitAsync(scenario, v => v.Status == ScenarioStatus.Completed);

        Assert.Equal(version, view.BasedOnVersion);
        Assert.Equal(12.5, view.Prediction!.Trajectory[0].Q50);
        Assert.Equal(before, await ReadTwinAsync(twinId, twin));
        Assert.DoesNotContain(ClusterFixture.Scheduler.Submitted, s => s.StepId == $"{twinId}.cal.{version + 1}");
        Assert.Equal(["hypo"], await fixture.Grains.GetGrain<ITwinScenariosGrain>(twinId).ListAsync());
    }

    [Fact]
    public async Task Scenarios_of_one_twin_share_the_seed_and_posterior_so_the_same_plan_gives_the_same_input()
    {
        var (twinId, _, _) = await CalibratedTwinAsync();
        var a = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "a"));
        var b = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "b"));
        await a.StartAsync("same plan", [Hypofractionated]);
        await b.StartAsync("same plan again", [Hypofractionated]);

        var inputA = JsonNode.Parse(await WaitForSubmissionAsync(ScenarioKeys.StepId(twinId, "a")))!.AsObject();
        var inputB = JsonNode.Parse(await WaitForSubmissionAsync(ScenarioKeys.StepId(twinId, "b")))!.AsObject();
        inputA.Remove("stepId");
        inputB.Remove("stepId");

        // Identical parameters and seed: the deterministic kernel then gives identical results.
        Assert.Equal(inputA.ToJsonString(), inputB.ToJsonString());
        Assert.Equal((await a.GetAsync())!.Seed, (await b.GetAsync())!.Seed);
    }

    [Fact]
    public async Task A_completed_scenario_keeps_its_paired_draws_for_comparisons_and_cohort_members_ask_for_none()
    {
        var (twinId, _, _) = await CalibratedTwinAsync();
        var scenario = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "paired"));
        await scenario.StartAsync("paired", [Hypofractionated]);
        var stepId = ScenarioKeys.StepId(twinId, "paired");
        var input = JsonNode.Parse(await WaitForSubmissionAsync(stepId))!;
        Assert.Equal(new PredictionOptions().ScenarioPairedDraws, input["parameters"]!["pairedDraws"]!.GetValue<int>());

        // Two draws on days 0 and 7 of the axis (day 0 = the first scan, 2024-02-01), date-major.
        var output = JsonNode.Parse(Output(12.5, "POSTERIOR-SCENARIO"))!;
        output["result"]!["pairedDraws"] = new JsonObject
        {
            ["count"] = 2,
            ["encoding"] = "float32-le-base64",
            ["days"] = new JsonArray(0, 7),
            ["volumeMl"] = Floats(20f, 21f, 22f, 19f),
            ["nadirFromDay"] = 32,
            ["nadirVolumeMl"] = Floats(9f, 11f),
            ["nadirDay"] = Floats(50f, 51f),
            ["alphaRtPerGy"] = Floats(0.02f, 0.03f),
            ["alphaOverBetaGy"] = 10,
            ["bedGy"] = 50.7,
        };
        await ClusterFixture.Scheduler.FinishAsync(stepId, Encoding.UTF8.GetBytes(output.ToJsonString()));
        await WaitAsync(scenario, v => v.Status == ScenarioStatus.Completed);

        var draws = (await fixture.Grains.GetGrain<IScenarioDrawsGrain>(ScenarioKeys.Of(twinId, "paired")).GetAsync())!;
        Assert.Equal(2, draws.Count);
        Assert.Equal([new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 8)], draws.Dates);
        Assert.Equal([20f, 21f, 22f, 19f], draws.VolumesMl);
        Assert.Equal(new DateOnly(2024, 3, 4), draws.NadirFrom);
        Assert.Equal([new DateOnly(2024, 3, 22), new DateOnly(2024, 3, 23)], draws.NadirDates);
        Assert.Equal(50.7, draws.BedGy);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("POSTERIOR-SCENARIO"))), draws.PosteriorHash);

        // A cohort member is aggregated per scenario, never paired: its forecast asks for no draws.
        var member = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "member"));
        await member.StartAsync("member", [Hypofractionated], cohortRunKey: "no-such-cohort/run");
        var memberInput = JsonNode.Parse(await WaitForSubmissionAsync(ScenarioKeys.StepId(twinId, "member")))!;
        Assert.Null(memberInput["parameters"]!["pairedDraws"]);
    }

    [Fact]
    public async Task Starting_again_is_idempotent_and_another_plan_under_the_same_id_conflicts()
    {
        var (twinId, _, _) = await CalibratedTwinAsync();
        var scenario = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "x"));
        await scenario.StartAsync("x", [Hypofractionated]);

        Assert.Equal(WriteOutcome.Unchanged, (await scenario.StartAsync("x", [Hypofractionated])).Outcome);
        Assert.Equal(WriteOutcome.Conflict, (await scenario.StartAsync("x", [])).Outcome);
    }

    [Fact]
    public async Task A_failed_run_marks_the_scenario_failed_and_an_unknown_twin_is_not_found()
    {
        var (twinId, _, _) = await CalibratedTwinAsync();
        var scenario = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, "f"));
        await scenario.StartAsync("f", [Hypofractionated]);
        await WaitForSubmissionAsync(ScenarioKeys.StepId(twinId, "f"));
        await ClusterFixture.Scheduler.FinishAsync(ScenarioKeys.StepId(twinId, "f"), null, "boom");

        var view = await WaitAsync(scenario, v => v.Status == ScenarioStatus.Failed);
        Assert.Contains("boom", view.Error, StringComparison.Ordinal);

        var missing = fixture.Grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of("no-such-twin-" + Guid.NewGuid().ToString("N")[..8], "s"));
        Assert.Equal(WriteOutcome.NotFound, (await missing.StartAsync("s", [])).Outcome);
    }

    /// <summary>A DIPG twin with two scans whose calibrations have finished; calibration n leaves posterior "POSTERIOR-n".</summary>
    private async Task<(string Id, IPatientTwinGrain Twin, int Version)> CalibratedTwinAsync()
    {
        var id = "s-" + Guid.NewGuid().ToString("N")[..12];
        var twin = fixture.Grains.GetGrain<IPatientTwinGrain>(id);
        await twin.PutProfileAsync(Dipg);
        await twin.AddObservationAsync(new Observation("scan-1", new DateOnly(2024, 2, 1), 20.0));
        await twin.AddObservationAsync(new Observation("scan-2", new DateOnly(2024, 2, 28), 22.0));

        // Both writes may coalesce into calibration 1, or a second one may follow; finish whatever comes.
        for (var sequence = 1; ; sequence++)
        {
            var stepId = $"{id}.cal.{sequence}";
            await WaitForSubmissionAsync(stepId);
            await ClusterFixture.Scheduler.FinishAsync(stepId, Output(21.0, $"POSTERIOR-{sequence}"));
            var view = await WaitForCalibrationAsync(twin, sequence);
            if (!view.Pending && view.RunningStepId is null)
            {
                return (id, twin, view.Latest!.Version);
            }
        }
    }

    private async Task<string> ReadTwinAsync(string id, IPatientTwinGrain twin)
    {
        var snapshot = await twin.GetAsync();
        var calibration = await twin.GetCalibrationAsync();
        var predictions = await fixture.Grains.GetGrain<ITwinPredictionsGrain>(id).ListAsync(0, 100);
        return JsonSerializer.Serialize(new { snapshot, calibration, predictions });
    }

    private static async Task<CalibrationView> WaitForCalibrationAsync(IPatientTwinGrain twin, int version)
    {
        for (var i = 0; i < 3000; i++)
        {
            var view = await twin.GetCalibrationAsync();
            if (view.Latest?.Version >= version)
            {
                return view;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"calibration {version} never landed");
    }

    private static async Task<string> WaitForSubmissionAsync(string stepId)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (ClusterFixture.Scheduler.Submitted.FirstOrDefault(s => s.StepId == stepId) is { } step)
            {
                return Encoding.UTF8.GetString(step.InputDocument);
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"step {stepId} was never submitted");
    }

    private static async Task<ScenarioView> WaitAsync(IScenarioGrain scenario, Func<ScenarioView, bool> done)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (await scenario.GetAsync() is { } view && done(view))
            {
                return view;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the scenario never reached the expected state");
    }

    private static string Floats(params float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>A forecast output document of the kernel's shape with a flat trajectory.</summary>
    private static byte[] Output(double volume, string posterior) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["kernelVersion"] = "test",
        ["inputHash"] = "hash",
        ["result"] = new JsonObject
        {
            ["trajectory"] = new JsonArray(new JsonObject { ["day"] = 0, ["q05"] = volume, ["q25"] = volume, ["q50"] = volume, ["q75"] = volume, ["q95"] = volume }),
            ["endpoints"] = new JsonObject { ["nadirVolumeMl"] = volume },
            ["posteriorState"] = posterior,
        },
    }.ToJsonString());
}
