namespace Primage.Grains.Scheduling;

/// <summary>A grain that owns runs and is told when one of them reaches a terminal state.</summary>
public interface IRunOwnerGrain : IGrainWithStringKey
{
    /// <summary>Called once per run when it reaches Succeeded, Failed or Cancelled.</summary>
    Task OnRunFinishedAsync(RunStatus status);
}
