using Primage.Grains.Predictions;

namespace Primage.Grains.Scenarios;

/// <summary>
/// A completed scenario's paired draws (key: the scenario key "{twinId}/{scenarioId}"), kept apart
/// from the scenario so listing and reading scenarios never load them; read by comparisons only.
/// </summary>
public interface IScenarioDrawsGrain : IGrainWithStringKey
{
    /// <summary>Stores the draws (idempotent: a replayed result stores the same draws again).</summary>
    Task StoreAsync(PairedDraws draws);

    /// <summary>The draws, or null when the scenario has none (not completed, a cohort member, or forecast before draws existed).</summary>
    [ReadOnly]
    Task<PairedDraws?> GetAsync();
}
