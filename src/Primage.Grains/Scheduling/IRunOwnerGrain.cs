namespace Primage.Grains.Scheduling;

/// <summary>A grain that owns runs and is told when one of them reaches a terminal state.</summary>
public interface IRunOwnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Called once per run when it reaches Succeeded, Failed or Cancelled. It interleaves with the
    /// owner's other turns (so an owner awaiting the scheduler never deadlocks with its run's
    /// callback): implementations only hand the status to a normal turn, for example by a one-way
    /// call to themselves, and read the run's status again on reactivation in case that was lost.
    /// </summary>
    [AlwaysInterleave]
    Task OnRunFinishedAsync(RunStatus status);
}
