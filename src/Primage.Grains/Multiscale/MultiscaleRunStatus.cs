namespace Primage.Grains.Multiscale;

/// <summary>Where a multiscale run is.</summary>
[GenerateSerializer, Alias("primage.multiscale-run-status.v1")]
public enum MultiscaleRunStatus
{
    /// <summary>Recorded; no step is with the scheduler yet.</summary>
    Pending = 0,
    /// <summary>A window's steps are with the scheduler.</summary>
    Running = 1,
    /// <summary>Every window finished.</summary>
    Completed = 2,
    /// <summary>A step failed, was cancelled, or its output could not be read.</summary>
    Failed = 3,
}
