namespace Primage.Grains.Scheduling;

/// <summary>
/// Looks up the durable spec of a step. Backends whose jobs die with the process (the local backend)
/// use it to re-run a step they are asked to reattach to after a restart.
/// </summary>
public interface IStepSpecSource
{
    /// <summary>The spec the step was submitted with, or null when no run has that id.</summary>
    Task<StepSpec?> GetSpecAsync(string stepId, CancellationToken cancellationToken);
}
