namespace Primage.Grains.Scenarios;

/// <summary>Where a scenario's forecast is.</summary>
[GenerateSerializer, Alias("primage.scenario-status.v1")]
public enum ScenarioStatus
{
    /// <summary>Recorded; the step is not yet with the scheduler.</summary>
    Pending = 0,
    /// <summary>The step is with the scheduler.</summary>
    Running = 1,
    /// <summary>The forecast is stored.</summary>
    Completed = 2,
    /// <summary>The step failed, was cancelled, or its output could not be read.</summary>
    Failed = 3,
}
