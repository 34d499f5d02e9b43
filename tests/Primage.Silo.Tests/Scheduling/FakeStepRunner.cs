using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Runner;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// The kernel runner as the local backend's tests use it: every document goes to the real
/// <see cref="StepRunner.Run"/> (echo, rejected inputs, unknown tasks, the output document) except a
/// valid "spin" {seconds}, which here waits without burning a core (the real spin task burns one by
/// design, and the contract's 50 concurrent spins would take minutes on a 2-core machine); cancellation
/// and its output match the real task. Counts executions per step id.
/// </summary>
public sealed class FakeStepRunner
{
    private readonly ConcurrentDictionary<string, int> _executions = new(StringComparer.Ordinal);

    public int Executions(string stepId) => _executions.GetValueOrDefault(stepId);

    public byte[] Run(ReadOnlySpan<byte> inputDocument, bool includeTimings, CancellationToken cancellationToken)
    {
        var bytes = inputDocument.ToArray();
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var stepId = root.TryGetProperty("stepId", out var id) ? id.GetString() ?? "" : "";
        _executions.AddOrUpdate(stepId, 1, static (_, count) => count + 1);
        if (!IsValidSpin(root, out var seconds))
        {
            return StepRunner.Run(bytes, includeTimings, cancellationToken);
        }

        cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(seconds));
        cancellationToken.ThrowIfCancellationRequested();
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schema"] = "primage.step-output/1",
            ["stepId"] = stepId,
            ["task"] = "spin",
            ["result"] = new JsonObject { ["spun"] = seconds },
        });
    }

    private static bool IsValidSpin(JsonElement root, out double seconds)
    {
        seconds = 0;
        return root.TryGetProperty("task", out var task) && task.GetString() == "spin"
            && root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("seconds", out var value) && value.ValueKind == JsonValueKind.Number
            && (seconds = value.GetDouble()) is >= 0 and <= SpinTask.MaxSeconds;
    }
}
