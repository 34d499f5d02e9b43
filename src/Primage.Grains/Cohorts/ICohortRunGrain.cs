using Primage.Grains.Twins;

namespace Primage.Grains.Cohorts;

/// <summary>
/// One run of a set of scenarios across a cohort, keyed "{cohortId}/{runId}". Members are
/// ordinary scenarios (<see cref="Scenarios.IScenarioGrain"/>) keyed "{twinId}/{cohortId}-{runId}-{scenarioId}".
/// </summary>
public interface ICohortRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (Created), or Unchanged when it exists; Invalid for an empty cohort or scenario list.</summary>
    Task<WriteResult> StartAsync(IReadOnlyList<string> twinIds, IReadOnlyList<CohortScenario> scenarios, int maxInFlight);

    /// <summary>The progress, or null when the run was never started.</summary>
    [ReadOnly]
    Task<CohortProgress?> GetProgressAsync();

    /// <summary>Stops starting members (those in flight finish and are recorded).</summary>
    Task CancelAsync();

    /// <summary>Continues a cancelled run, or a running one after a restart; finished members are never repeated.</summary>
    Task ResumeAsync();

    /// <summary>A member's scenario reached a terminal state (one-way, from the scenario grain).</summary>
    [OneWay]
    Task OnMemberFinishedAsync(string scenarioKey, bool succeeded);
}
