using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;
using Primage.Silo.Tests.Scheduling;

namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// The Orleans scheduler (or, in <see cref="AkkaSlurmSchedulerFixture"/>, the Akka.NET one) on the real SLURM cluster (scripts/services/slurm.sh). Its jobs outlive the
/// silo, so a restarted cluster reattaches to them instead of re-running them. Locally without a
/// cluster the contract tests skip with the reason; under CI=true a missing cluster fails them.
/// </summary>
public class SlurmSchedulerFixture : SchedulerClusterFixture
{
    public const string Collection = "scheduler: orleans + slurm";

    private SlurmTestCluster? _slurm;

    public override string? SkipReason => SlurmTestCluster.IsConfigured || SlurmTestCluster.IsCi ? null : SlurmTestCluster.MissingReason;

    public override bool JobsDieWithProcess => false;

    protected override string SchedulerKind => "orleans";

    protected override string BackendName => "slurm:test";

    protected override IComputeBackend CreateBackend(IServiceProvider services)
    {
        _slurm ??= SlurmTestCluster.Create("contract-" + SchedulerKind);
        return new SlurmBackend(
            _slurm.Options(),
            services.GetRequiredService<IStepEventSink>(),
            services.GetRequiredService<ILogger<SlurmBackend>>());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_slurm is not null)
        {
            await _slurm.DisposeAsync();
        }
    }
}
