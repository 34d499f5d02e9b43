using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling;

/// <summary>
/// The default scheduler: one <see cref="SimulationRunGrain"/> per step id holds the durable run and
/// drives the backend. Submitting returns once the run grain has persisted the run as Pending.
/// </summary>
public sealed class OrleansSimulationScheduler(IGrainFactory grains, IComputeBackendRegistry backends) : ISimulationScheduler
{
    public Task<RunStatus> SubmitAsync(StepSpec step, IRunOwnerGrain? owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentException.ThrowIfNullOrWhiteSpace(step.StepId);
        return grains.GetGrain<ISimulationRunGrain>(step.StepId).StartAsync(step, backends.Select(step), owner);
    }

    public Task<RunStatus?> GetStatusAsync(string stepId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        return grains.GetGrain<ISimulationRunGrain>(stepId).GetStatusAsync();
    }

    public Task<RunStatus?> CancelAsync(string stepId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        return grains.GetGrain<ISimulationRunGrain>(stepId).CancelAsync();
    }
}
