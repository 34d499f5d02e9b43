using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;

namespace Primage.Silo.Tests.Slurm;

public sealed class SlurmBackendExtensionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] pairs)
        => new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

    private static (string, string)[] Cluster(string name) =>
    [
        ($"Primage:Backends:Slurm:{name}:Host", "login.example"),
        ($"Primage:Backends:Slurm:{name}:User", "twin"),
        ($"Primage:Backends:Slurm:{name}:KeyFile", "/keys/id_ed25519"),
        ($"Primage:Backends:Slurm:{name}:HostKeyFingerprint", "SHA256:abc"),
        ($"Primage:Backends:Slurm:{name}:Partition", "short"),
        ($"Primage:Backends:Slurm:{name}:WorkDirectory", "/scratch/twin/primage"),
        ($"Primage:Backends:Slurm:{name}:PollInterval", "00:00:05"),
    ];

    [Fact]
    public async Task Each_configured_cluster_becomes_one_named_backend_even_when_registered_twice()
    {
        var configuration = Configuration([.. Cluster("hpc1"), .. Cluster("hpc2")]);
        var services = new ServiceCollection().AddLogging().AddSingleton<IStepEventSink, RecordingSink>();

        services.AddSlurmBackends(configuration).AddSlurmBackends(configuration);
        await using var provider = services.BuildServiceProvider();

        var backends = provider.GetServices<IComputeBackend>().Select(b => b.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["slurm:hpc1", "slurm:hpc2"], backends);
        Assert.Equal("slurm:hpc2", provider.GetRequiredKeyedService<IComputeBackend>("slurm:hpc2").Name);
        var options = provider.GetRequiredService<IOptionsMonitor<SlurmClusterOptions>>().Get("hpc1");
        Assert.Equal("hpc1", options.Name);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(2, options.ControllerCallsPerSecond);
    }

    [Fact]
    public void A_cluster_without_its_required_settings_fails_validation_by_name()
    {
        var configuration = Configuration(("Primage:Backends:Slurm:broken:Host", "login.example"));
        var services = new ServiceCollection().AddLogging().AddSingleton<IStepEventSink, RecordingSink>();
        services.AddSlurmBackends(configuration);
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<SlurmClusterOptions>>().Get("broken"));

        Assert.Contains(e.Failures, f => f.Contains("Primage:Backends:Slurm:broken:User is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("HostKeyFingerprint is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("WorkDirectory must be an absolute remote path", StringComparison.Ordinal));
    }
}
