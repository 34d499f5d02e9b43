using Primage.Grains.Predictions;

namespace Primage.Grains.Multiscale;

/// <summary>
/// Keys of multiscale runs ("{twinId}/{runId}"), their step ids and default seed. Step ids are
/// "ms/{twinId}/{runId}/w{window}/begin", ".../w{window}/r{region}" (the micro steps, as
/// Primage.Kernels.Coupling.MicroStepDocuments names them) and ".../w{window}/complete": deterministic, so
/// a resubmission after a restart finds the run the scheduler already holds instead of running it again.
/// </summary>
public static class MultiscaleKeys
{
    public static string Of(string twinId, string runId) => $"{twinId}/{runId}";

    public static (string TwinId, string RunId) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The prefix of every step id of the run; the micro steps append "/w{window}/r{region}".</summary>
    public static string StepPrefix(string twinId, string runId) => $"ms/{twinId}/{runId}";

    public static string BeginStepId(string twinId, string runId, int window) => $"{StepPrefix(twinId, runId)}/w{window}/begin";

    public static string MicroStepId(string twinId, string runId, int window, int region)
        => Kernels.Coupling.MicroStepDocuments.StepId(StepPrefix(twinId, runId), window, region);

    public static string CompleteStepId(string twinId, string runId, int window) => $"{StepPrefix(twinId, runId)}/w{window}/complete";

    /// <summary>The seed of a run started without one: a stable hash of twin and run id, so the same request resolves to the same seed.</summary>
    public static long DefaultSeed(string twinId, string runId) => ForecastDocuments.SeedFor($"{twinId}/multiscale/{runId}", 0);
}
