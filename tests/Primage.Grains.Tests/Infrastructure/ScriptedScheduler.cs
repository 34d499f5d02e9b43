using System.Collections.Concurrent;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Tests.Infrastructure;

/// <summary>
/// A scheduler for grain tests: records every submission and lets the test finish runs by hand,
/// calling the owner back as the real scheduler does.
/// </summary>
public sealed class ScriptedScheduler : ISimulationScheduler
{
    private readonly ConcurrentDictionary<string, (StepSpec Step, IRunOwnerGrain? Owner, RunStatus Status)> _runs = new();

    public ConcurrentQueue<StepSpec> Submitted { get; } = new();

    public Task<RunStatus> SubmitAsync(StepSpec step, IRunOwnerGrain? owner, CancellationToken cancellationToken = default)
    {
        var entry = _runs.GetOrAdd(step.StepId, _ =>
        {
            Submitted.Enqueue(step);
            return (step, owner, new RunStatus(step.StepId, RunState.Submitted, "scripted", "job-" + step.StepId, 1, null, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null));
        });
        return Task.FromResult(entry.Status);
    }

    public Task<RunStatus?> GetStatusAsync(string stepId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_runs.TryGetValue(stepId, out var e) ? e.Status : null);

    public Task<RunStatus?> CancelAsync(string stepId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_runs.TryGetValue(stepId, out var e) ? e.Status : null);

    /// <summary>Finishes a run with the given output (or failure) and calls its owner back.</summary>
    public async Task FinishAsync(string stepId, byte[]? output, string? error = null)
    {
        var (step, owner, status) = _runs[stepId];
        var done = status with
        {
            State = output is null ? RunState.Failed : RunState.Succeeded,
            Outcome = output is null ? StepOutcome.Failed : StepOutcome.Succeeded,
            OutputDocument = output,
            Error = error,
            StartedAt = DateTimeOffset.UtcNow,
            FinishedAt = DateTimeOffset.UtcNow,
        };
        _runs[stepId] = (step, owner, done);
        if (owner is not null)
        {
            await owner.OnRunFinishedAsync(done);
        }
    }
}
