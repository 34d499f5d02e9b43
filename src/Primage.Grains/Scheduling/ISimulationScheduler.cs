namespace Primage.Grains.Scheduling;

/// <summary>
/// What grains use to run steps. Submitting returns as soon as the run is durably recorded; the
/// owner is called back through <see cref="IRunOwnerGrain.OnRunFinishedAsync"/>. Idempotent by
/// step id: submitting the same step again returns the existing run. Implemented by the default
/// Orleans scheduler and by the Akka.NET alternative, both passing the same contract tests.
/// </summary>
public interface ISimulationScheduler
{
    /// <summary>Records and starts the run (or returns the existing one for that step id).</summary>
    Task<RunStatus> SubmitAsync(StepSpec step, IRunOwnerGrain? owner, CancellationToken cancellationToken = default);

    /// <summary>The run's current status, or null when no run has that step id.</summary>
    Task<RunStatus?> GetStatusAsync(string stepId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a run that has not finished; a finished run is left as it is.</summary>
    Task<RunStatus?> CancelAsync(string stepId, CancellationToken cancellationToken = default);
}
