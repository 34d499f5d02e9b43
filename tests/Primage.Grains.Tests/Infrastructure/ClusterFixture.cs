using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Primage.Grains;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Tests.Infrastructure;

/// <summary>One in-process Orleans test cluster shared by the grain tests, with memory storage.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The scheduler the silo's grains use (shared across the test cluster's one silo).</summary>
    public static ScriptedScheduler Scheduler { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Twins);
            siloBuilder.AddMemoryGrainStorage(StorageNames.Runs);
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddSingleton<ISimulationScheduler>(Scheduler);
        }
    }
}
