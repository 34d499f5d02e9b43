using Primage.Silo.Backends.Slurm;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Slurm;

public sealed class SlurmHostKeyTests(ITestOutputHelper output)
{
    [SlurmClusterFact]
    public async Task A_server_with_another_host_key_is_refused_without_retrying()
    {
        await using var cluster = SlurmTestCluster.Create("hostkey");
        var sink = new RecordingSink();
        var options = cluster.Options(o => o.HostKeyFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await using var backend = new SlurmBackend(options, sink, new TestOutputLogger<SlurmBackend>(output));
        var stepId = SlurmTestCluster.NewStepId("hostkey");

        var e = await Assert.ThrowsAsync<SlurmHostKeyMismatchException>(
            () => backend.SubmitAsync(SlurmBackendTests.Step(stepId, SlurmTestCluster.EchoInput(stepId, 1)), 1, default));

        Assert.Equal(cluster.Fingerprint, e.Presented);
        Assert.Equal(0, backend.Statistics.Connections);
        Assert.Equal(0, backend.Statistics.SshCommands);
    }
}
