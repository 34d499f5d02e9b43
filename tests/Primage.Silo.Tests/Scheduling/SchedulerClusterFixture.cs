using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Local;
using Primage.Silo.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// One in-process Orleans cluster per test collection, wired with AddPrimageScheduling exactly as the
/// silo does, with the scheduler kind of the subclass and any backend the subclass builds (wrapped in a
/// <see cref="CountingBackend"/>). The "runs" storage lives in this fixture, so <see cref="RestartAsync"/>
/// (stop every silo, start a new cluster with the same ServiceId) keeps every run record, as a database
/// would. Subclasses for other backends (SLURM) override <see cref="CreateBackend"/> and <see cref="BackendName"/>.
/// </summary>
public abstract class SchedulerClusterFixture : IAsyncLifetime
{
    private readonly SharedGrainStorage.Backing _storage = new();
    private readonly string _serviceId = $"primage-scheduler-tests-{Guid.NewGuid():N}";
    private InProcessTestCluster? _cluster;

    /// <summary>The runner the default local backend uses.</summary>
    public FakeStepRunner Runner { get; } = new();

    /// <summary>Job ids per step, over the fixture's whole life.</summary>
    public BackendJobLog Jobs { get; } = new();

    /// <summary>"orleans" or "akka".</summary>
    protected abstract string SchedulerKind { get; }

    /// <summary>
    /// True when the backend's jobs die with the silo process and run again on reattach (the local
    /// backend on <see cref="Runner"/>); false for a backend whose jobs outlive the silo (SLURM).
    /// </summary>
    public virtual bool JobsDieWithProcess => true;

    /// <summary>Name of the backend under test (what CreateBackend returns).</summary>
    protected virtual string BackendName => "local";

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not running.");

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public ISimulationScheduler Scheduler => SiloServices.GetRequiredService<ISimulationScheduler>();

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The backend under test; by default the local backend on the fake runner, 4 slots.</summary>
    protected virtual IComputeBackend CreateBackend(IServiceProvider services)
        => new LocalBackend(
            services.GetRequiredService<IStepEventSink>(),
            services.GetRequiredService<IStepSpecSource>(),
            Options.Create(new LocalBackendOptions { MaxParallelism = 4, IncludeTimings = false }),
            Runner.Run,
            TimeProvider.System,
            services.GetRequiredService<ILogger<LocalBackend>>());

    /// <summary>Scheduler settings; short backoffs keep retry tests quick.</summary>
    protected virtual Dictionary<string, string?> Settings => new()
    {
        ["Primage:Scheduler:Kind"] = SchedulerKind,
        ["Primage:Scheduler:Backend"] = BackendName,
        ["Primage:Scheduler:InitialBackoff"] = "00:00:00.100",
        ["Primage:Scheduler:MaxBackoff"] = "00:00:01",
        ["Primage:Backends:Local:Enabled"] = "false",
    };

    /// <summary>More silo configuration (e.g. a reminder service, a second backend); none by default.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>
    /// Why the backend under test is unavailable here (a local run without the service), or null.
    /// Never set under CI=true: there a missing service fails the tests.
    /// </summary>
    public virtual string? SkipReason => null;

    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            _cluster = await StartClusterAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Stops the whole cluster (backend jobs of this process die with it) and starts a new one on the same storage.</summary>
    public async Task RestartAsync()
    {
        var old = _cluster;
        _cluster = null;
        if (old is not null)
        {
            await old.StopAllSilosAsync();
            await old.DisposeAsync();
        }

        _cluster = await StartClusterAsync();
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(Settings);
            host.Services.AddKeyedSingleton<IGrainStorage>(
                SchedulingStorage.Name,
                (services, _) => new SharedGrainStorage(_storage, services.GetRequiredService<Serializer>()));
            host.Services.AddSingleton<IComputeBackend>(services => new CountingBackend(CreateBackend(services), Jobs));
            host.Services.AddPrimageScheduling(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
