using Orleans.Concurrency;

namespace Primage.Grains.Scheduling;

/// <summary>
/// The durable record of one simulation run, keyed by step id. Every method returns at once: the
/// backend is called outside the grain turn and reports back through the On... methods.
/// </summary>
public interface ISimulationRunGrain : IGrainWithStringKey
{
    /// <summary>Records the run as Pending and starts submission; returns the existing run if there is one.</summary>
    Task<RunStatus> StartAsync(StepSpec step, string backend, IRunOwnerGrain? owner);

    /// <summary>The run's status, or null when it was never started.</summary>
    [AlwaysInterleave]
    Task<RunStatus?> GetStatusAsync();

    /// <summary>The spec the run was started with, or null.</summary>
    [AlwaysInterleave]
    Task<StepSpec?> GetSpecAsync();

    /// <summary>Cancels an unfinished run (the backend job too); a finished run is left as it is.</summary>
    Task<RunStatus?> CancelAsync();

    /// <summary>
    /// After a restart, or from the run index's watchdog: submit if Pending, reattach if in flight, finish
    /// notifying. On the activation that already drives the run it only asks the backend about the job again.
    /// </summary>
    Task ResumeAsync();

    /// <summary>The backend accepted attempt <paramref name="attempt"/> as job <paramref name="backendJobId"/>.</summary>
    Task OnSubmittedAsync(int attempt, string backendJobId);

    /// <summary>The backend could not be reached to submit attempt <paramref name="attempt"/>.</summary>
    Task OnSubmitFailedAsync(int attempt, string error);

    /// <summary>The backend could not be reached to reattach; try again later.</summary>
    Task OnReattachFailedAsync(int attempt, string error);

    /// <summary>The backend job started.</summary>
    Task OnRunningAsync(string backendJobId, DateTimeOffset startedAt);

    /// <summary>The backend job reached a terminal state.</summary>
    Task OnFinishedAsync(StepResult result);
}
