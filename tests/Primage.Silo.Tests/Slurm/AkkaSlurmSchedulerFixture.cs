namespace Primage.Silo.Tests.Slurm;

/// <summary>The Akka.NET scheduler driving the same SLURM backend on the real cluster.</summary>
public sealed class AkkaSlurmSchedulerFixture : SlurmSchedulerFixture
{
    public new const string Collection = "scheduler: akka + slurm";

    protected override string SchedulerKind => "akka";
}
