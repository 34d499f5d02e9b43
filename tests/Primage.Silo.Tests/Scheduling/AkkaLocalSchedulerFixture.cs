namespace Primage.Silo.Tests.Scheduling;

/// <summary>The Akka.NET scheduler (run actors, records in the "runs" grain storage) on the local backend.</summary>
public sealed class AkkaLocalSchedulerFixture : SchedulerClusterFixture
{
    public const string Collection = "scheduler: akka + local";

    protected override string SchedulerKind => "akka";
}
