using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>Throws on the first callback of each run, records the ones it accepts.</summary>
public sealed class FlakyOwnerGrain : Grain, IFlakyOwnerGrain
{
    public static ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);

    public Task OnRunFinishedAsync(RunStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (Calls.AddOrUpdate(status.StepId, 1, static (_, n) => n + 1) == 1)
        {
            throw new InvalidOperationException("owner busy");
        }

        Accepted.AddOrUpdate(status.StepId, 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
