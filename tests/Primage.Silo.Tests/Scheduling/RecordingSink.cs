using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>An event sink that records what a backend reports, for backend unit tests.</summary>
public sealed class RecordingSink : IStepEventSink, IStepSpecSource
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StepResult>> _finished = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Running { get; } = new();

    public ConcurrentQueue<StepResult> Finished { get; } = new();

    /// <summary>Specs answered to a backend that re-runs a lost job.</summary>
    public ConcurrentDictionary<string, StepSpec> Specs { get; } = new(StringComparer.Ordinal);

    public Task OnStepRunningAsync(string stepId, string backendJobId, DateTimeOffset startedAt)
    {
        Running.Enqueue(backendJobId);
        return Task.CompletedTask;
    }

    public Task OnStepFinishedAsync(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Finished.Enqueue(result);
        Completion(result.StepId).TrySetResult(result);
        return Task.CompletedTask;
    }

    public Task<StepSpec?> GetSpecAsync(string stepId, CancellationToken cancellationToken)
        => Task.FromResult(Specs.TryGetValue(stepId, out var spec) ? spec : null);

    /// <summary>The first terminal report of the step (fails the test after a minute rather than hanging).</summary>
    public Task<StepResult> FinishedAsync(string stepId) => Completion(stepId).Task.WaitAsync(TimeSpan.FromMinutes(1));

    private TaskCompletionSource<StepResult> Completion(string stepId)
        => _finished.GetOrAdd(stepId, _ => new TaskCompletionSource<StepResult>(TaskCreationOptions.RunContinuationsAsynchronously));
}
