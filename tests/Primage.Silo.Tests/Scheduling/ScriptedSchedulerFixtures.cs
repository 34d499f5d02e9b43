using Microsoft.Extensions.DependencyInjection;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>A scheduler on the <see cref="ScriptedBackend"/>, for the retry policy.</summary>
public abstract class ScriptedSchedulerFixture : SchedulerClusterFixture
{
    public ScriptedBackend Backend { get; private set; } = null!;

    public override bool JobsDieWithProcess => false;

    protected override string BackendName => "scripted";

    protected override IComputeBackend CreateBackend(IServiceProvider services)
        => Backend = new ScriptedBackend(services.GetRequiredService<IStepEventSink>());
}
