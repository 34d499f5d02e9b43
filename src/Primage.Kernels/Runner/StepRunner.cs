namespace Primage.Kernels.Runner;

/// <summary>
/// Runs one step input document (UTF-8 JSON) and returns the output document bytes. The console
/// runner and the local backend both call this, so every backend produces the same bytes.
/// Document shapes:
/// input  {"schema": "primage.step/1", "stepId": "...", "task": "forecast", "seed": 42, "parameters": {...}}
/// output {"schema": "primage.step-output/1", "stepId": "...", "task": "...", "kernelVersion": "...",
///         "inputHash": "sha256 hex of the input bytes", "result": {...}, "timings": {...}}
/// </summary>
public static class StepRunner
{
    /// <summary>
    /// Runs the step. Invalid input throws <see cref="StepInputException"/>; any other exception is a
    /// failure of the step. With <paramref name="includeTimings"/> false the output is a pure function of
    /// the input bytes.
    /// </summary>
    public static byte[] Run(ReadOnlySpan<byte> inputDocument, bool includeTimings, CancellationToken cancellationToken)
        => throw new NotImplementedException("Filled in by the runner work.");
}
