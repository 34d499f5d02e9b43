using System.Text.Json;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Slurm;

/// <summary>The SLURM backend against the real one-node cluster (scripts/services/slurm.sh).</summary>
public sealed class SlurmBackendTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [SlurmClusterFact]
    public async Task Echo_step_succeeds_and_its_output_document_comes_back()
    {
        await using var cluster = SlurmTestCluster.Create("echo");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepId = SlurmTestCluster.NewStepId("echo");

        var jobId = await backend.SubmitAsync(Step(stepId, SlurmTestCluster.EchoInput(stepId, new { answer = 42, tag = "ok" })), 1, default);
        var result = await sink.WaitAsync(stepId, Patience);

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(jobId, result.BackendJobId);
        Assert.Equal("slurm:test", result.Backend);
        Assert.NotNull(result.StartedAt);
        using var document = JsonDocument.Parse(result.OutputDocument!);
        Assert.Equal("primage.step-output/1", document.RootElement.GetProperty("schema").GetString());
        Assert.Equal(stepId, document.RootElement.GetProperty("stepId").GetString());
        var value = document.RootElement.GetProperty("result").GetProperty("value");
        Assert.Equal(42, value.GetProperty("answer").GetInt32());
        Assert.Equal("ok", value.GetProperty("tag").GetString());

        // The delivered step's directory is removed at the next poll.
        var gone = await Eventually(async () => (await cluster.RunAsync($"test -d '{cluster.WorkDirectory}/{stepId}.a1' && echo present || echo gone")).Trim() == "gone");
        Assert.True(gone);
    }

    [SlurmClusterFact]
    public async Task Invalid_input_is_rejected_with_the_runners_message()
    {
        await using var cluster = SlurmTestCluster.Create("reject");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepId = SlurmTestCluster.NewStepId("reject");

        await backend.SubmitAsync(Step(stepId, SlurmTestCluster.Input(stepId, "echo", new { nothing = 1 })), 1, default);
        var result = await sink.WaitAsync(stepId, Patience);

        Assert.Equal(StepOutcome.InputRejected, result.Outcome);
        Assert.Null(result.OutputDocument);
        Assert.StartsWith("invalid input: parameters", result.Error, StringComparison.Ordinal);
        Assert.False(new SimulationSchedulerOptions().Retries(result.Outcome));
    }

    [SlurmClusterFact]
    public async Task Cancelling_a_running_step_reports_cancelled()
    {
        await using var cluster = SlurmTestCluster.Create("cancel");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepId = SlurmTestCluster.NewStepId("cancel");

        var jobId = await backend.SubmitAsync(Step(stepId, SlurmTestCluster.SpinInput(stepId, 120)), 1, default);
        Assert.Equal(jobId, await sink.WaitRunningAsync(stepId, Patience));
        await backend.CancelAsync(stepId, jobId, default);
        var result = await sink.WaitAsync(stepId, Patience);

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(jobId, result.BackendJobId);
        Assert.Contains("CANCELLED", result.Error, StringComparison.Ordinal);
    }

    [SlurmClusterFact]
    public async Task Submitting_a_step_whose_job_already_exists_reuses_that_job()
    {
        await using var cluster = SlurmTestCluster.Create("exists");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepId = SlurmTestCluster.NewStepId("exists");
        var name = $"{stepId}.a1";
        // As if an earlier sbatch had timed out on our side after the controller created the job.
        var dir = $"{cluster.WorkDirectory}/{name}";
        var staged = SlurmTestCluster.EchoInput(stepId, "first");
        var earlier = (await cluster.RunAsync(
            $"mkdir -p '{dir}' && printf '%s' '{System.Text.Encoding.UTF8.GetString(staged)}' > '{dir}/input.json' && "
            + $"sbatch --parsable -J '{name}' -p {cluster.Partition} --time=5 --chdir='{dir}' -o '{dir}/stdout.txt' -e '{dir}/stderr.txt' "
            + $"--wrap '{cluster.Runner} --in input.json --out output.json'")).Trim();

        var step = Step(stepId, SlurmTestCluster.EchoInput(stepId, "second"));
        var ids = await Task.WhenAll(backend.SubmitAsync(step, 1, default), backend.SubmitAsync(step, 1, default));
        var result = await sink.WaitAsync(stepId, Patience);

        Assert.Equal([earlier, earlier], ids);
        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        using var document = JsonDocument.Parse(result.OutputDocument!);
        Assert.Equal("first", document.RootElement.GetProperty("result").GetProperty("value").GetString());
        Assert.Equal(1, (await cluster.JobCountsByNameAsync([name]))[name]);
        Assert.Equal(1, sink.CountFor(stepId));
    }

    [SlurmClusterFact]
    public async Task Fifty_concurrent_steps_all_succeed_once_with_their_own_outputs()
    {
        await using var cluster = SlurmTestCluster.Create("fifty");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepIds = Enumerable.Range(0, 50).Select(i => SlurmTestCluster.NewStepId($"c{i}")).ToList();

        var jobIds = await Task.WhenAll(stepIds.Select((id, i) => backend.SubmitAsync(Step(id, SlurmTestCluster.EchoInput(id, i)), 1, default)));
        var results = await sink.WaitAllAsync(stepIds, Patience);

        Assert.Equal(50, jobIds.Distinct().Count());
        for (var i = 0; i < stepIds.Count; i++)
        {
            Assert.Equal(StepOutcome.Succeeded, results[i].Outcome);
            Assert.Equal(jobIds[i], results[i].BackendJobId);
            using var document = JsonDocument.Parse(results[i].OutputDocument!);
            Assert.Equal(stepIds[i], document.RootElement.GetProperty("stepId").GetString());
            Assert.Equal(i, document.RootElement.GetProperty("result").GetProperty("value").GetInt32());
            Assert.Equal(1, sink.CountFor(stepIds[i]));
        }

        var counts = await cluster.JobCountsByNameAsync(stepIds.Select(id => $"{id}.a1"));
        Assert.Equal(50, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        output.WriteLine($"50 steps: {backend.Statistics}");
    }

    internal static StepSpec Step(string stepId, byte[] input, StepResources? resources = null)
        => new(stepId, "echo", input, resources ?? StepResources.Default);

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
