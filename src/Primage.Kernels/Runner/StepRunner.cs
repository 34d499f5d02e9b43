using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

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
    /// <summary>The only input schema version this runner accepts.</summary>
    public const string InputSchema = "primage.step/1";

    /// <summary>The output schema version this runner writes.</summary>
    public const string OutputSchema = "primage.step-output/1";

    /// <summary>
    /// The version of the kernels assembly (informational version, which carries the source commit
    /// when the build knows it), written into every output so a result names the code that made it.
    /// </summary>
    public static string KernelVersion { get; } =
        typeof(StepRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StepRunner).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The names of every task the runner can execute, in ordinal order.</summary>
    public static IReadOnlyList<string> TaskNames => StepTaskRegistry.Names;

    /// <summary>
    /// Runs the step. Invalid input throws <see cref="StepInputException"/>; any other exception is a
    /// failure of the step. With <paramref name="includeTimings"/> false the output is a pure function of
    /// the input bytes.
    /// </summary>
    public static byte[] Run(ReadOnlySpan<byte> inputDocument, bool includeTimings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        cancellationToken.ThrowIfCancellationRequested();
        var inputHash = Convert.ToHexStringLower(SHA256.HashData(inputDocument));

        using var document = StepInputReader.Parse(inputDocument);
        var input = StepInputReader.Read(document.RootElement);
        var task = StepTaskRegistry.Find(input.Task)
            ?? throw new StepInputException("task", $"unknown task '{input.Task}'; known tasks: {string.Join(", ", StepTaskRegistry.Names)}");
        var parsed = Stopwatch.GetTimestamp();

        System.Text.Json.Nodes.JsonNode result;
        try
        {
            result = task.Execute(input.Parameters, input.Seed, cancellationToken);
        }
        catch (StepInputException e)
        {
            // Tasks name fields relative to either the document or their parameters object;
            // the runner always reports a path from the document root.
            throw e.Field == "parameters" || e.Field.StartsWith("parameters.", StringComparison.Ordinal)
                || e.Field.StartsWith("parameters[", StringComparison.Ordinal)
                ? e
                : new StepInputException(e.Field.StartsWith('[') ? "parameters" + e.Field : "parameters." + e.Field, e.Reason);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var executed = Stopwatch.GetTimestamp();
        StepTimings? timings = includeTimings
            ? new StepTimings(
                Stopwatch.GetElapsedTime(started, parsed).TotalMilliseconds,
                Stopwatch.GetElapsedTime(parsed, executed).TotalMilliseconds)
            : null;
        return StepOutputWriter.Write(input, inputHash, result, timings);
    }
}
