using Primage.Grains.Scheduling;
using Primage.Grains.Twins;

namespace Primage.Grains.Scenarios;

/// <summary>
/// A what-if forecast of one twin under another therapy plan, keyed "{twinId}/{scenarioId}". It
/// copies the twin's posterior once (never writing to the twin) and forecasts through the scheduler.
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey, IRunOwnerGrain
{
    /// <summary>
    /// Forks the twin and submits the forecast: Created; Unchanged when the same name and plan are
    /// already recorded; Conflict when the id holds another plan or the twin has no observations;
    /// NotFound without the twin; Invalid for a therapy that breaks the twin's rules.
    /// <paramref name="cohortRunKey"/> names a <see cref="Cohorts.ICohortRunGrain"/> told when the scenario finishes.
    /// </summary>
    Task<WriteResult> StartAsync(string name, IReadOnlyList<TherapyRecord> therapies, string? cohortRunKey = null);

    /// <summary>The scenario, or null when it was never started.</summary>
    [ReadOnly]
    Task<ScenarioView?> GetAsync();

    /// <summary>Applies a finished run (handed over by <see cref="IRunOwnerGrain.OnRunFinishedAsync"/>).</summary>
    [OneWay]
    Task ApplyRunResultAsync(RunStatus status);

    /// <summary>Re-reads the run after a restart and resubmits it if the scheduler lost it.</summary>
    [OneWay]
    Task ResumeAsync();
}
