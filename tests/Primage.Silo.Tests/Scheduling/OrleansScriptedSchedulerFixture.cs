namespace Primage.Silo.Tests.Scheduling;

public sealed class OrleansScriptedSchedulerFixture : ScriptedSchedulerFixture
{
    public const string Collection = "scheduler: orleans + scripted";

    protected override string SchedulerKind => "orleans";
}
