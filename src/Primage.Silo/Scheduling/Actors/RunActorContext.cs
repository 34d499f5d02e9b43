using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>What every run actor needs: the store, the backends, the policy, the owners' grain factory.</summary>
internal sealed record RunActorContext(
    IRunRecordStore Store,
    IComputeBackendRegistry Backends,
    SimulationSchedulerOptions Options,
    IGrainFactory Grains,
    TimeProvider Time,
    ILogger Logger);
