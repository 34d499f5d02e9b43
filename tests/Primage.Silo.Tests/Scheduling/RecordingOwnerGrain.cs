using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>Records callbacks in <see cref="Callbacks"/>, which outlives silo restarts (same process).</summary>
public sealed class RecordingOwnerGrain : Grain, IRecordingOwnerGrain
{
    public static ConcurrentDictionary<string, ConcurrentQueue<RunStatus>> Callbacks { get; } = new(StringComparer.Ordinal);

    public static IReadOnlyList<RunStatus> CallbacksFor(string stepId)
        => Callbacks.TryGetValue(stepId, out var queue) ? queue.ToArray() : [];

    public Task OnRunFinishedAsync(RunStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Callbacks.GetOrAdd(status.StepId, _ => new ConcurrentQueue<RunStatus>()).Enqueue(status);
        return Task.CompletedTask;
    }
}
