using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling;

/// <summary>Routes backend events to the run grain of the step (the Orleans scheduler's sink).</summary>
public sealed class OrleansStepEventSink(IGrainFactory grains) : IStepEventSink
{
    public Task OnStepRunningAsync(string stepId, string backendJobId, DateTimeOffset startedAt)
        => grains.GetGrain<ISimulationRunGrain>(stepId).OnRunningAsync(backendJobId, startedAt);

    public Task OnStepFinishedAsync(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return grains.GetGrain<ISimulationRunGrain>(result.StepId).OnFinishedAsync(result);
    }
}
