using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// Walltime exceeded: SLURM's smallest limit is one minute, and slurmctld checks limits every 30 s,
/// so a 1-minute job is stopped between 60 and 90 s (plus KillWait, 5 s on the test cluster). A spin
/// of 150 s cannot finish first. Its own class so that it runs beside the other SLURM tests.
/// </summary>
public sealed class SlurmTimeoutTests(ITestOutputHelper output)
{
    [SlurmClusterFact]
    public async Task Step_over_its_walltime_ends_as_timeout()
    {
        await using var cluster = SlurmTestCluster.Create("timeout");
        var sink = new RecordingSink();
        await using var backend = new SlurmBackend(cluster.Options(), sink, new TestOutputLogger<SlurmBackend>(output));
        var stepId = SlurmTestCluster.NewStepId("timeout");

        var jobId = await backend.SubmitAsync(
            SlurmBackendTests.Step(stepId, SlurmTestCluster.SpinInput(stepId, 150), new StepResources(Walltime: TimeSpan.FromMinutes(1))), 1, default);
        var result = await sink.WaitAsync(stepId, TimeSpan.FromMinutes(3));

        Assert.Equal(StepOutcome.Timeout, result.Outcome);
        Assert.Equal(jobId, result.BackendJobId);
        Assert.Null(result.OutputDocument);
        Assert.Contains("TIMEOUT", result.Error, StringComparison.Ordinal);
        Assert.False(new SimulationSchedulerOptions().Retries(result.Outcome));
    }
}
