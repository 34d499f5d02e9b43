using System.Collections.Concurrent;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>The distinct backend job ids handed out per step id (across restarts).</summary>
public sealed class BackendJobLog
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _jobs = new(StringComparer.Ordinal);

    public void Record(string stepId, string jobId)
        => _jobs.GetOrAdd(stepId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(jobId, 0);

    public IReadOnlyCollection<string> JobsOf(string stepId)
        => _jobs.TryGetValue(stepId, out var jobs) ? jobs.Keys.ToArray() : [];
}
