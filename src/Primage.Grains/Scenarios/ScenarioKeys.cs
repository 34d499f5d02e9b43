namespace Primage.Grains.Scenarios;

/// <summary>Scenario grain keys "{twinId}/{scenarioId}", step ids and the common seed of a twin's scenarios.</summary>
public static class ScenarioKeys
{
    public static string Of(string twinId, string scenarioId) => $"{twinId}/{scenarioId}";

    public static (string TwinId, string ScenarioId) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    public static string StepId(string twinId, string scenarioId) => $"{twinId}.scn.{scenarioId}";

    /// <summary>
    /// Every scenario forked from the same prediction version of a twin gets the same seed, so the
    /// forecasts share their random draws (common random numbers) and differences between plans
    /// are not Monte Carlo noise.
    /// </summary>
    public static long Seed(string twinId, int? basedOnVersion)
        => Predictions.ForecastDocuments.SeedFor(twinId + "/scenarios", basedOnVersion ?? 0);
}
