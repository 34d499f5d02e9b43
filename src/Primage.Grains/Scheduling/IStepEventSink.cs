namespace Primage.Grains.Scheduling;

/// <summary>Where backends report what happens to jobs (the silo routes it to the run grains).</summary>
public interface IStepEventSink
{
    /// <summary>The job started running on the backend.</summary>
    Task OnStepRunningAsync(string stepId, string backendJobId, DateTimeOffset startedAt);

    /// <summary>The job reached a terminal state.</summary>
    Task OnStepFinishedAsync(StepResult result);
}
