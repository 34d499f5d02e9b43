namespace Primage.Grains.Cohorts;

/// <summary>Where a cohort run is.</summary>
[GenerateSerializer, Alias("primage.cohort-run-status.v1")]
public enum CohortRunStatus
{
    Running = 0,
    Completed = 1,
    Cancelled = 2,
}
