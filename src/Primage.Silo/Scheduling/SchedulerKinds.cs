namespace Primage.Silo.Scheduling;

/// <summary>Values of Primage:Scheduler:Kind.</summary>
public static class SchedulerKinds
{
    public const string Orleans = "orleans";

    public const string Akka = "akka";

    public static bool IsKnown(string? kind)
        => string.Equals(kind, Orleans, StringComparison.OrdinalIgnoreCase)
            || string.Equals(kind, Akka, StringComparison.OrdinalIgnoreCase);

    public static bool IsAkka(string? kind) => string.Equals(kind, Akka, StringComparison.OrdinalIgnoreCase);
}
