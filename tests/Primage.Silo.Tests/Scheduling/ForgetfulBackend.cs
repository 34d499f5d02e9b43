using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// A backend whose jobs finish at once but whose events never arrive on their own (as when every
/// delivery try failed): it accepts a submission and reports nothing. Asked again through
/// <see cref="ReattachAsync"/>, it reports the job Succeeded. Job ids are "stepId~attempt".
/// </summary>
public sealed class ForgetfulBackend(IStepEventSink sink) : IComputeBackend
{
    public const string BackendName = "forgetful";

    private readonly ConcurrentDictionary<string, int> _reattaches = new(StringComparer.Ordinal);

    public string Name => BackendName;

    /// <summary>How often the job of <paramref name="stepId"/> was asked about again.</summary>
    public int Reattaches(string stepId) => _reattaches.GetValueOrDefault(stepId);

    public Task<string> SubmitAsync(StepSpec step, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Task.FromResult($"{step.StepId}~{attempt}");
    }

    public async Task ReattachAsync(string stepId, string backendJobId, int attempt, CancellationToken cancellationToken)
    {
        _reattaches.AddOrUpdate(stepId, 1, static (_, n) => n + 1);
        var now = DateTimeOffset.UtcNow;
        await sink.OnStepFinishedAsync(new StepResult(
            stepId, backendJobId, StepOutcome.Succeeded, "{\"result\":{\"value\":1}}"u8.ToArray(), null, now, now, Name));
    }

    public Task CancelAsync(string stepId, string backendJobId, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
