using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Micro;

/// <summary>
/// The "micro" step: parameters are a <see cref="MicroRegionInput"/> (camelCase JSON, enums in kebab
/// case, e.g. "histology": "neuroblastoma-undifferentiated", "alk": "mutated"); the result is a
/// <see cref="MicroRegionOutput"/>. The model parameters are the published defaults; the step is
/// deterministic for a seed and independent of the cores it runs on.
/// </summary>
public sealed class MicroStepTask : IStepTask
{
    public const string TaskName = "micro";

    public string Name => TaskName;

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        var input = Parse(parameters);
        var output = MicroModel.Run(input, MicroParameters.Default, seed, -1, cancellationToken);
        return JsonSerializer.SerializeToNode(output, MicroJson.Options)!;
    }

    /// <summary>Parses and validates; errors name the field, e.g. "parameters.cellularity.nbAlive".</summary>
    public static MicroRegionInput Parse(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException("parameters", "must be an object");
        }

        MicroRegionInput? input;
        try
        {
            input = parameters.Deserialize<MicroRegionInput>(MicroJson.Options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p && p.StartsWith('$') ? "parameters" + p[1..] : "parameters";
            throw new StepInputException(path, ex.Message);
        }

        if (input is null)
        {
            throw new StepInputException("parameters", "must be an object");
        }

        MicroModel.Validate(input, "parameters");
        return input;
    }
}
