using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The "multiscale-begin" step: the macro window step over the proliferation-invasion adapter
/// (<see cref="MacroWindowSettings"/>), then particularisation into at most K regions. Parameters are
/// <see cref="MultiscaleBeginParameters"/> (camelCase JSON); the result is the <see cref="WindowPlan"/>.
/// The step's seed is the macro step's seed: with <see cref="MultiscaleFlow.MacroSeed"/> the result equals
/// <see cref="MultiscaleFlow.BeginWindow"/> exactly (region seeds derive from the config's seed, not this one).
/// </summary>
public sealed class MultiscaleBeginStepTask : IStepTask
{
    public const string TaskName = "multiscale-begin";

    public string Name => TaskName;

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        var p = Parse(parameters);
        var flow = new MultiscaleFlow(p.Config, p.Macro.Model());
        var plan = Begin(flow, p.Macro, p.State, seed);
        cancellationToken.ThrowIfCancellationRequested();
        return JsonSerializer.SerializeToNode(plan, MicroJson.Options)!;
    }

    /// <summary>The plan of the state's next window with the macro step seeded by <paramref name="macroSeed"/>.</summary>
    public static WindowPlan Begin(MultiscaleFlow flow, MacroWindowSettings macro, MultiscaleState state, long macroSeed)
    {
        var advanced = macro.Model().Advance(state.Fields, flow.WindowStartHour(state), flow.Config.WindowHours, macroSeed);
        return flow.Particularise(state, advanced);
    }

    public static MultiscaleBeginParameters Parse(JsonElement parameters)
    {
        var p = CouplingValidation.Deserialise<MultiscaleBeginParameters>(parameters);
        CouplingValidation.Config(p.Config, "parameters.config");
        CouplingValidation.Macro(p.Macro, "parameters.macro");
        CouplingValidation.State(p.State, "parameters.state");
        if (p.State.NextWindow >= p.Config.Windows)
        {
            throw new StepInputException("parameters.state.nextWindow", $"every window of the run has finished ({p.Config.Windows})");
        }

        return p;
    }
}
