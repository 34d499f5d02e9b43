using System.Text.Json;
using System.Text.Json.Nodes;

namespace Primage.Kernels.Runner;

/// <summary>
/// Diagnostic task for backend contract tests: {"value": any} gives the result {"value": the same value}.
/// Lets a backend's tests check that documents travel through staging and back unchanged.
/// </summary>
public sealed class EchoTask : IStepTask
{
    public string Name => "echo";

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        StepParameters.RejectUnknown(parameters, "parameters", "value");
        if (!parameters.TryGetProperty("value", out var value))
        {
            throw new StepInputException("parameters.value", "is required");
        }

        return new JsonObject { ["value"] = JsonSerializer.SerializeToNode(value) };
    }
}
