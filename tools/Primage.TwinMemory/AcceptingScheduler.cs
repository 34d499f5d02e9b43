using Primage.Grains.Scheduling;

namespace Primage.TwinMemory;

/// <summary>
/// A scheduler that accepts every step and never finishes it: each measured twin submits its
/// first recalibration (archiving the input document) and then holds the run as in flight, with
/// later observations coalescing into the next run, as while a real backend is busy. No kernel
/// runs, so the process holds twins and nothing else.
/// </summary>
internal sealed class AcceptingScheduler(TimeProvider time) : ISimulationScheduler
{
    public Task<RunStatus> SubmitAsync(StepSpec step, IRunOwnerGrain? owner, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return Task.FromResult(new RunStatus(step.StepId, RunState.Submitted, "probe", null, 1, null, null, null, now, now, null, null));
    }

    public Task<RunStatus?> GetStatusAsync(string stepId, CancellationToken cancellationToken = default) => Task.FromResult<RunStatus?>(null);

    public Task<RunStatus?> CancelAsync(string stepId, CancellationToken cancellationToken = default) => Task.FromResult<RunStatus?>(null);
}
