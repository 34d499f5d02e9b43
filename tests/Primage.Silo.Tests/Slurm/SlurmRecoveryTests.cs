using System.Collections.Concurrent;
using System.Text.Json;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Slurm;

/// <summary>Losing the backend (the silo dying) and losing the SSH connection, on the real cluster.</summary>
[Collection(SlurmSshdCollection.Name)]
public sealed class SlurmRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [SlurmClusterFact]
    public async Task Twenty_steps_survive_the_backend_dying_and_complete_exactly_once()
    {
        await using var cluster = SlurmTestCluster.Create("crash");
        var options = cluster.Options();
        var stepIds = Enumerable.Range(0, 20).Select(i => SlurmTestCluster.NewStepId($"k{i}")).ToList();
        // The durable run records: (step, job) pairs, and which runs already hold a terminal result.
        var records = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var results = new ConcurrentDictionary<string, ConcurrentQueue<StepResult>>(StringComparer.Ordinal);
        void Record(StepResult r) => results.GetOrAdd(r.StepId, _ => new ConcurrentQueue<StepResult>()).Enqueue(r);

        var firstSink = new RecordingSink { OnFinished = Record };
        var first = new SlurmBackend(options, firstSink, new TestOutputLogger<SlurmBackend>(output));
        await Task.WhenAll(stepIds.Select(async (id, i) =>
            records[id] = await first.SubmitAsync(SlurmBackendTests.Step(id, SlurmTestCluster.SpinInput(id, 2 + (i % 5))), 1, default)));
        // Let a few finish under the first instance, then the silo dies with the rest in flight.
        await firstSink.WaitAsync(stepIds[0], Patience);
        await first.DisposeAsync();
        var unfinished = stepIds.Where(id => !results.ContainsKey(id)).ToList();
        output.WriteLine($"{20 - unfinished.Count} finished before the crash, {unfinished.Count} reattached");
        Assert.NotEmpty(unfinished);

        var secondSink = new RecordingSink { OnFinished = Record };
        await using var second = new SlurmBackend(options, secondSink, new TestOutputLogger<SlurmBackend>(output));
        foreach (var id in unfinished)
        {
            await second.ReattachAsync(id, records[id], 1, default);
        }

        await secondSink.WaitAllAsync(unfinished, Patience);
        // One more poll interval: nothing may be reported twice.
        await Task.Delay(options.PollInterval * 2);

        Assert.Equal(20, results.Count);
        foreach (var id in stepIds)
        {
            var result = Assert.Single(results[id]);
            Assert.Equal(StepOutcome.Succeeded, result.Outcome);
            Assert.Equal(records[id], result.BackendJobId);
            using var document = JsonDocument.Parse(result.OutputDocument!);
            Assert.Equal(id, document.RootElement.GetProperty("stepId").GetString());
        }

        var counts = await cluster.JobCountsByNameAsync(stepIds.Select(id => $"{id}.a1"));
        Assert.Equal(20, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
    }

    [SlurmClusterFact]
    public async Task Steps_finish_after_sshd_restarts_and_cuts_the_connection()
    {
        await using var cluster = SlurmTestCluster.Create("drop");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepIds = Enumerable.Range(0, 10).Select(i => SlurmTestCluster.NewStepId($"d{i}")).ToList();

        var jobIds = await Task.WhenAll(stepIds.Select(id => backend.SubmitAsync(SlurmBackendTests.Step(id, SlurmTestCluster.SpinInput(id, 4)), 1, default)));
        var connectionsBefore = backend.Statistics.Connections;
        await cluster.ControlAsync("restart-sshd");
        var results = await sink.WaitAllAsync(stepIds, Patience);

        Assert.All(results, r => Assert.Equal(StepOutcome.Succeeded, r.Outcome));
        Assert.Equal(jobIds, results.Select(r => r.BackendJobId));
        Assert.All(stepIds, id => Assert.Equal(1, sink.CountFor(id)));
        Assert.Equal(1, connectionsBefore);
        Assert.True(backend.Statistics.Connections >= 2, $"expected a reconnect, statistics {backend.Statistics}");
        output.WriteLine($"after the drop: {backend.Statistics}");
    }

    [SlurmClusterFact]
    public async Task Hundred_steps_cost_few_ssh_operations_per_job()
    {
        await using var cluster = SlurmTestCluster.Create("efficiency");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(o => o.PollInterval = TimeSpan.FromSeconds(2)), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepIds = Enumerable.Range(0, 100).Select(i => SlurmTestCluster.NewStepId($"e{i}")).ToList();

        await Task.WhenAll(stepIds.Select((id, i) => backend.SubmitAsync(SlurmBackendTests.Step(id, SlurmTestCluster.EchoInput(id, i)), 1, default)));
        var results = await sink.WaitAllAsync(stepIds, Patience);
        var stats = backend.Statistics;

        Assert.All(results, r => Assert.Equal(StepOutcome.Succeeded, r.Outcome));
        // Per job: its share of a batched submission (one SFTP upload of the batch's staged inputs and one
        // command) and one SFTP download of the output;
        // per poll interval: one command (squeue, sacct -c when needed, removal of delivered dirs).
        var perJob = (stats.SshCommands + stats.SftpOperations - stats.Polls) / 100.0;
        output.WriteLine($"100 steps, 2 s poll: {stats}; (commands + sftp - polls) per job = {perJob:F2}");
        Assert.True(stats.SshCommands + stats.SftpOperations <= 3 * 100 + stats.Polls, stats.ToString());
        Assert.Equal(100 + stats.SubmitBatches, stats.SftpOperations);
    }
}
