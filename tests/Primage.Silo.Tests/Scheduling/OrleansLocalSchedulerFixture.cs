namespace Primage.Silo.Tests.Scheduling;

/// <summary>The Orleans scheduler (run grains) on the local backend.</summary>
public sealed class OrleansLocalSchedulerFixture : SchedulerClusterFixture
{
    public const string Collection = "scheduler: orleans + local";

    protected override string SchedulerKind => "orleans";
}
