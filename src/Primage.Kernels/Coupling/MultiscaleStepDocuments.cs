using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The window's begin and complete steps as runner input documents
/// {"schema": "primage.step/1", "stepId", "task", "seed", "parameters"}, and the way back from a step's
/// "result". With <see cref="MicroStepDocuments"/> for the fan-out, one coupling window is:
/// <code>
/// multiscale-begin    {config, macro, state}              seed MacroSeed(state)  -> WindowPlan
/// micro (k = 0..K-1)  plan.Regions[k]                     seed plan.Seeds[k]     -> MicroRegionOutput
/// multiscale-complete {config, state, plan, outputs[K]}   seed config.Seed       -> next MultiscaleState
/// </code>
/// The documents are pure functions of their arguments, so an orchestrator that rebuilds them after a
/// restart from its persisted state submits the same bytes under the same step id.
/// </summary>
public static class MultiscaleStepDocuments
{
    public static byte[] BuildBeginInput(string stepId, MultiscaleConfig config, MacroWindowSettings macro, MultiscaleState state)
    {
        var flow = new MultiscaleFlow(config, macro.Model());
        var parameters = new MultiscaleBeginParameters(config, macro, state);
        return Envelope(stepId, MultiscaleBeginStepTask.TaskName, flow.MacroSeed(state), JsonSerializer.SerializeToNode(parameters, MicroJson.Options)!);
    }

    public static byte[] BuildCompleteInput(
        string stepId, MultiscaleConfig config, MultiscaleState state, WindowPlan plan, IReadOnlyList<MicroRegionOutput> outputs)
    {
        var parameters = new MultiscaleCompleteParameters(config, state, plan, outputs);
        return Envelope(stepId, MultiscaleCompleteStepTask.TaskName, config.Seed, JsonSerializer.SerializeToNode(parameters, MicroJson.Options)!);
    }

    /// <summary>The "result" object of a step output document, or a <see cref="JsonException"/> saying what is missing.</summary>
    public static JsonNode Result(ReadOnlySpan<byte> outputDocument)
    {
        var node = JsonNode.Parse(outputDocument) ?? throw new JsonException("empty step output document");
        return node["result"] ?? throw new JsonException("the step output has no result");
    }

    public static WindowPlan ParsePlan(JsonNode result)
        => result.Deserialize<WindowPlan>(MicroJson.Options) ?? throw new JsonException("the begin step's result is null");

    public static MultiscaleState ParseState(JsonNode result)
        => result.Deserialize<MultiscaleState>(MicroJson.Options) ?? throw new JsonException("the complete step's result is null");

    private static byte[] Envelope(string stepId, string task, long seed, JsonNode parameters)
        => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schema"] = MicroStepDocuments.InputSchema,
            ["stepId"] = stepId,
            ["task"] = task,
            ["seed"] = seed,
            ["parameters"] = parameters,
        });
}
