using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Slurm;

/// <summary>Records what a backend reports, and lets a test wait for terminal results.</summary>
public sealed class RecordingSink : IStepEventSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StepResult>> _finished = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StepResult>> _first = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _running = new(StringComparer.Ordinal);

    /// <summary>Called after each terminal result is recorded (e.g. to mark a run record finished).</summary>
    public Action<StepResult>? OnFinished { get; set; }

    public Task OnStepRunningAsync(string stepId, string backendJobId, DateTimeOffset startedAt)
    {
        Running(stepId).TrySetResult(backendJobId);
        return Task.CompletedTask;
    }

    public Task OnStepFinishedAsync(StepResult result)
    {
        _finished.GetOrAdd(result.StepId, _ => new ConcurrentQueue<StepResult>()).Enqueue(result);
        OnFinished?.Invoke(result);
        First(result.StepId).TrySetResult(result);
        return Task.CompletedTask;
    }

    public int CountFor(string stepId) => _finished.TryGetValue(stepId, out var q) ? q.Count : 0;

    public Task<StepResult> WaitAsync(string stepId, TimeSpan timeout) => First(stepId).Task.WaitAsync(timeout);

    public Task<string> WaitRunningAsync(string stepId, TimeSpan timeout) => Running(stepId).Task.WaitAsync(timeout);

    public async Task<IReadOnlyList<StepResult>> WaitAllAsync(IEnumerable<string> stepIds, TimeSpan timeout)
        => await Task.WhenAll(stepIds.Select(id => WaitAsync(id, timeout)));

    private TaskCompletionSource<StepResult> First(string stepId)
        => _first.GetOrAdd(stepId, _ => new TaskCompletionSource<StepResult>(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource<string> Running(string stepId)
        => _running.GetOrAdd(stepId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
