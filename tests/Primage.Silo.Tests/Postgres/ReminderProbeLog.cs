using System.Collections.Concurrent;

namespace Primage.Silo.Tests.Postgres;

/// <summary>Where each probe grain's reminder fired (all test silos share this process).</summary>
public static class ReminderProbeLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Ticks = new(StringComparer.Ordinal);

    public static void Record(string grain, string silo) => Ticks.GetOrAdd(grain, _ => new()).Enqueue(silo);

    public static IReadOnlyList<string> SilosOf(string grain) => Ticks.TryGetValue(grain, out var silos) ? [.. silos] : [];
}
