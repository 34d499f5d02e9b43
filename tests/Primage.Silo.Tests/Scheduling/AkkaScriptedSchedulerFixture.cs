namespace Primage.Silo.Tests.Scheduling;

public sealed class AkkaScriptedSchedulerFixture : ScriptedSchedulerFixture
{
    public const string Collection = "scheduler: akka + scripted";

    protected override string SchedulerKind => "akka";
}
