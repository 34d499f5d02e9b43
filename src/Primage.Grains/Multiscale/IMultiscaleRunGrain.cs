using Primage.Grains.Scheduling;
using Primage.Grains.Twins;

namespace Primage.Grains.Multiscale;

/// <summary>
/// One coupled multiscale run of a neuroblastoma twin, keyed "{twinId}/{runId}" (<see cref="MultiscaleKeys"/>):
/// per coupling window a "multiscale-begin" step (macro window and particularisation), K "micro" steps and a
/// "multiscale-complete" step (homogenisation), all through the scheduler on whichever backend it uses.
/// A run never writes to its twin.
/// </summary>
public interface IMultiscaleRunGrain : IGrainWithStringKey, IRunOwnerGrain
{
    /// <summary>
    /// Builds the run from the twin's latest observation, markers and chemotherapy and submits the first
    /// step: Created; Unchanged when the same request is already recorded under this run id; Conflict when the
    /// run id holds another request, the twin is not a neuroblastoma (field "diagnosis") or has no observations
    /// (field "observations"); NotFound without the twin; Invalid for a request outside the limits.
    /// </summary>
    Task<WriteResult> StartAsync(MultiscaleRequest request);

    /// <summary>The run, or null when it was never started.</summary>
    [ReadOnly]
    Task<MultiscaleRunView?> GetAsync();

    /// <summary>The coupled state after the last finished window (MultiscaleFlow's JSON), or null when never started.</summary>
    [ReadOnly]
    Task<byte[]?> GetStateDocumentAsync();

    /// <summary>Applies a finished step (handed over by <see cref="IRunOwnerGrain.OnRunFinishedAsync"/>).</summary>
    [OneWay]
    Task ApplyRunResultAsync(RunStatus status);

    /// <summary>Re-reads the current window's steps (after a restart) and submits what the scheduler does not hold.</summary>
    [OneWay]
    Task ResumeAsync();
}
