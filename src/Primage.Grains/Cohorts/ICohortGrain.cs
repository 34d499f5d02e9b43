namespace Primage.Grains.Cohorts;

/// <summary>A research cohort: a set of twin ids, keyed by cohort id. Holds membership only; runs live in <see cref="ICohortRunGrain"/>.</summary>
public interface ICohortGrain : IGrainWithStringKey
{
    /// <summary>Creates the cohort or adds members (ids already present are ignored); returns the cohort.</summary>
    Task<CohortView> AddMembersAsync(IReadOnlyList<string> twinIds);

    /// <summary>Records a run of this cohort.</summary>
    Task AddRunAsync(string runId);

    /// <summary>The cohort, or null when it was never created.</summary>
    [ReadOnly]
    Task<CohortView?> GetAsync();
}
