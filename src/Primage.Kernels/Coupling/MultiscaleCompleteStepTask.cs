using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The "multiscale-complete" step: homogenisation of the K region outputs onto the plan's fields.
/// Parameters are <see cref="MultiscaleCompleteParameters"/>; the result is the next
/// <see cref="MultiscaleState"/> (the window's summary appended), exactly <see cref="MultiscaleFlow.CompleteWindow"/>.
/// Deterministic without randomness: the seed is not used.
/// </summary>
public sealed class MultiscaleCompleteStepTask : IStepTask
{
    public const string TaskName = "multiscale-complete";

    public string Name => TaskName;

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        var p = Parse(parameters);
        var next = Homogenisation.Apply(p.Config, p.State, p.Plan, p.Outputs);
        cancellationToken.ThrowIfCancellationRequested();
        return JsonSerializer.SerializeToNode(next, MicroJson.Options)!;
    }

    public static MultiscaleCompleteParameters Parse(JsonElement parameters)
    {
        var p = CouplingValidation.Deserialise<MultiscaleCompleteParameters>(parameters);
        CouplingValidation.Config(p.Config, "parameters.config");
        CouplingValidation.State(p.State, "parameters.state");
        if (p.State.NextWindow >= p.Config.Windows)
        {
            throw new StepInputException("parameters.state.nextWindow", $"every window of the run has finished ({p.Config.Windows})");
        }

        CouplingValidation.Plan(p.Plan, p.Config, p.State, "parameters.plan");
        CouplingValidation.Outputs(p.Outputs, p.Plan.Regions.Count, "parameters.outputs");
        return p;
    }
}
