using System.Text.Json;
using System.Text.Json.Nodes;

namespace Primage.Kernels.Runner;

/// <summary>
/// One kind of step the kernel runner can execute (for example "forecast", "pi3d", "micro").
/// Implementations are discovered by reflection in this assembly (public, non-abstract, with a
/// parameterless constructor), so adding a task needs no registration edit.
/// Execute must be deterministic: the same parameters and seed give the same result, bit for bit.
/// Invalid parameters throw <see cref="StepInputException"/> naming the field.
/// </summary>
public interface IStepTask
{
    /// <summary>The task name used in the step input document's "task" field.</summary>
    string Name { get; }

    /// <summary>Runs the task; returns the "result" object of the output document.</summary>
    JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken);
}
