using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Primage.Kernels.Runner;

/// <summary>
/// Diagnostic task for backend contract tests of walltime limits and cancellation, not a model:
/// {"seconds": s} burns one core on deterministic arithmetic until about s seconds of wall time have
/// passed, checking the cancellation token every few microseconds, and returns {"spun": s} (the
/// requested value, so the output stays a pure function of the input). It is the one task that reads a
/// clock; no model uses it.
/// </summary>
public sealed class SpinTask : IStepTask
{
    /// <summary>One week: longer than any walltime a test would ask for.</summary>
    public const double MaxSeconds = 7 * 24 * 3600;

    public string Name => "spin";

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        StepParameters.RejectUnknown(parameters, "parameters", "seconds");
        var seconds = StepParameters.Number(parameters, "parameters", "seconds", 0, MaxSeconds);
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);

        // A logistic map at r = 3.9 is chaotic, so the JIT cannot fold the loop away.
        var x = 0.5;
        while (Stopwatch.GetTimestamp() < until)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < 4096; i++)
            {
                x = 3.9 * x * (1 - x);
            }
        }

        GC.KeepAlive(x);
        return new JsonObject { ["spun"] = seconds };
    }
}
