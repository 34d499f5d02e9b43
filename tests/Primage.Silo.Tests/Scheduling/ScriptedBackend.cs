using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// A backend whose jobs end as the step's task says, to drive the retry policy: the task name lists the
/// outcome of each attempt, e.g. "NodeFail,Succeeded" (attempt 1 node failure, attempt 2 success; the last
/// entry repeats). A task starting with "unreachable:N/" fails its first N submissions as an unreachable
/// backend would. Job ids are "stepId@attempt".
/// </summary>
public sealed class ScriptedBackend(IStepEventSink sink) : IComputeBackend
{
    private readonly ConcurrentDictionary<string, int> _submitCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _jobs = new(StringComparer.Ordinal);

    public string Name => "scripted";

    public int SubmitCalls(string stepId) => _submitCalls.GetValueOrDefault(stepId);

    public Task<string> SubmitAsync(StepSpec step, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var calls = _submitCalls.AddOrUpdate(step.StepId, 1, static (_, n) => n + 1);
        var script = step.Task;
        if (script.StartsWith("unreachable:", StringComparison.Ordinal))
        {
            var slash = script.IndexOf('/', StringComparison.Ordinal);
            var failures = int.Parse(script["unreachable:".Length..slash]);
            if (calls <= failures)
            {
                throw new IOException("connection refused");
            }

            script = script[(slash + 1)..];
        }

        var jobId = $"{step.StepId}@{attempt}";
        if (_jobs.TryAdd(jobId, 0))
        {
            var outcomes = script.Split(',');
            var outcome = Enum.Parse<StepOutcome>(outcomes[Math.Min(attempt, outcomes.Length) - 1]);
            _ = Task.Run(async () =>
            {
                var now = DateTimeOffset.UtcNow;
                await sink.OnStepRunningAsync(step.StepId, jobId, now);
                var output = outcome == StepOutcome.Succeeded ? "{\"result\":{\"value\":1}}"u8.ToArray() : null;
                await sink.OnStepFinishedAsync(new StepResult(
                    step.StepId, jobId, outcome, output, outcome == StepOutcome.Succeeded ? null : outcome.ToString(), now, now, Name));
            }, CancellationToken.None);
        }

        return Task.FromResult(jobId);
    }

    public Task ReattachAsync(string stepId, string backendJobId, int attempt, CancellationToken cancellationToken)
        => Task.CompletedTask;

    public Task CancelAsync(string stepId, string backendJobId, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
