using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Runner;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// Stand-in for the kernel runner with its two diagnostic tasks, reading the same input documents:
/// "echo" {value} returns result.value; "spin" {seconds} waits (without burning a core, so tests stay
/// cheap on a 2-core machine) until the time is up or the token fires. A missing parameter or an
/// unknown task throws StepInputException, as the real runner does. Counts executions per step id.
/// </summary>
public sealed class FakeStepRunner
{
    private readonly ConcurrentDictionary<string, int> _executions = new(StringComparer.Ordinal);

    public int Executions(string stepId) => _executions.GetValueOrDefault(stepId);

    public byte[] Run(ReadOnlySpan<byte> inputDocument, bool includeTimings, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(inputDocument.ToArray());
        var root = document.RootElement;
        var stepId = root.GetProperty("stepId").GetString() ?? "";
        _executions.AddOrUpdate(stepId, 1, static (_, count) => count + 1);
        var task = root.TryGetProperty("task", out var taskElement) ? taskElement.GetString() : null;
        var parameters = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        JsonNode result;
        switch (task)
        {
            case "echo":
                if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("value", out var value))
                {
                    throw new StepInputException("parameters.value", "is required");
                }

                result = new JsonObject { ["value"] = JsonNode.Parse(value.GetRawText()) };
                break;
            case "spin":
                if (parameters.ValueKind != JsonValueKind.Object
                    || !parameters.TryGetProperty("seconds", out var seconds)
                    || seconds.ValueKind != JsonValueKind.Number
                    || seconds.GetDouble() < 0)
                {
                    throw new StepInputException("parameters.seconds", "must be a non-negative number");
                }

                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(seconds.GetDouble()));
                cancellationToken.ThrowIfCancellationRequested();
                result = new JsonObject { ["seconds"] = seconds.GetDouble() };
                break;
            default:
                throw new StepInputException("task", $"unknown task '{task}'");
        }

        var output = new JsonObject
        {
            ["schema"] = "primage.step-output/1",
            ["stepId"] = stepId,
            ["task"] = task,
            ["result"] = result,
        };
        return JsonSerializer.SerializeToUtf8Bytes(output);
    }
}
