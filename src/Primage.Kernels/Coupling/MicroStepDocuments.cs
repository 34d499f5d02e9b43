using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The micro fan-out as step documents: one "micro" step input per region in the runner's shape
/// {"schema": "primage.step/1", "stepId", "task": "micro", "seed", "parameters"}, and the way back
/// from a step's "result" object.
/// </summary>
public static class MicroStepDocuments
{
    public const string InputSchema = "primage.step/1";

    /// <summary>Step id of region <paramref name="region"/> in window <paramref name="window"/> of run <paramref name="runId"/>.</summary>
    public static string StepId(string runId, int window, int region) => $"{runId}/w{window}/r{region}";

    public static byte[] BuildInput(string stepId, MicroRegionInput input, long seed)
    {
        var document = new JsonObject
        {
            ["schema"] = InputSchema,
            ["stepId"] = stepId,
            ["task"] = MicroStepTask.TaskName,
            ["seed"] = seed,
            ["parameters"] = JsonSerializer.SerializeToNode(input, MicroJson.Options),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    /// <summary>All K micro step inputs of a window, in region order.</summary>
    public static IReadOnlyList<byte[]> BuildInputs(string runId, WindowPlan plan)
    {
        var documents = new byte[plan.Regions.Count][];
        for (var k = 0; k < documents.Length; k++)
        {
            documents[k] = BuildInput(StepId(runId, plan.Window, k), plan.Regions[k], plan.Seeds[k]);
        }

        return documents;
    }

    /// <summary>Reads a region's output from a step's "result" object.</summary>
    public static MicroRegionOutput ParseResult(JsonNode result)
        => result.Deserialize<MicroRegionOutput>(MicroJson.Options)
            ?? throw new JsonException("the micro step result is null");

    /// <summary>Reads a region's output from a whole step output document ({"result": {...}, ...}).</summary>
    public static MicroRegionOutput ParseOutputDocument(ReadOnlySpan<byte> document)
    {
        var node = JsonNode.Parse(document) ?? throw new JsonException("empty step output document");
        return ParseResult(node["result"] ?? throw new JsonException("the step output has no result"));
    }
}
