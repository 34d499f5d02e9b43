using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling;

/// <summary>Reads a step's durable spec from its run grain (the Orleans scheduler's spec source).</summary>
public sealed class RunGrainStepSpecSource(IGrainFactory grains) : IStepSpecSource
{
    public Task<StepSpec?> GetSpecAsync(string stepId, CancellationToken cancellationToken)
        => grains.GetGrain<ISimulationRunGrain>(stepId).GetSpecAsync();
}
