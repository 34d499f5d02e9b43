using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The "macro-window" step: parameters are <see cref="MacroWindowParameters"/> (camelCase JSON);
/// the result is the advanced <see cref="MacroFields"/>, which <see cref="MultiscaleFlow.Particularise"/>
/// turns into the window's plan. Lets an orchestrator dispatch the macro step like the micro steps.
/// </summary>
public sealed class MacroWindowStepTask : IStepTask
{
    public const string TaskName = "macro-window";

    public string Name => TaskName;

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        var p = Parse(parameters);
        var advanced = p.Model().Advance(p.Fields, p.StartHour, p.Hours, seed);
        return JsonSerializer.SerializeToNode(advanced, MicroJson.Options)!;
    }

    public static MacroWindowParameters Parse(JsonElement parameters)
    {
        var p = CouplingValidation.Deserialise<MacroWindowParameters>(parameters);
        CouplingValidation.Fields(p.Fields, "parameters.fields");
        if (!double.IsFinite(p.Hours) || p.Hours < 0)
        {
            throw new StepInputException("parameters.hours", "must be >= 0");
        }

        if (!double.IsFinite(p.DiffusionMm2PerDay) || p.DiffusionMm2PerDay < 0)
        {
            throw new StepInputException("parameters.diffusionMm2PerDay", "must be >= 0");
        }

        if (!double.IsFinite(p.RhoPerDay) || p.RhoPerDay < 0)
        {
            throw new StepInputException("parameters.rhoPerDay", "must be >= 0");
        }

        return p;
    }
}
