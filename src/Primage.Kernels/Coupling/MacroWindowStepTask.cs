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
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException("parameters", "must be an object");
        }

        MacroWindowParameters? p;
        try
        {
            p = parameters.Deserialize<MacroWindowParameters>(MicroJson.Options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } at && at.StartsWith('$') ? "parameters" + at[1..] : "parameters";
            throw new StepInputException(path, ex.Message);
        }

        if (p?.Fields is not { } f)
        {
            throw new StepInputException("parameters.fields", "is required");
        }

        if (f.Nx < 1 || f.Ny < 1 || f.Nz < 1 || (long)f.Nx * f.Ny * f.Nz > 50_000_000)
        {
            throw new StepInputException("parameters.fields.nx", "grid dimensions must be >= 1 with at most 5e7 voxels");
        }

        if (!double.IsFinite(f.VoxelVolumeMm3) || f.VoxelVolumeMm3 <= 0)
        {
            throw new StepInputException("parameters.fields.voxelVolumeMm3", "must be > 0");
        }

        var n = f.VoxelCount;
        (string Name, int Length, int Expected)[] arrays =
        [
            ("density", f.Density?.Length ?? -1, n), ("oxygen", f.Oxygen?.Length ?? -1, n),
            ("drugExposure", f.DrugExposure?.Length ?? -1, n), ("matrix", f.Matrix?.Length ?? -1, n),
            ("cellularity", f.Cellularity?.Length ?? -1, 6 * n), ("tissue", f.Tissue?.Length ?? -1, n),
        ];
        foreach (var (name, length, expected) in arrays)
        {
            if (length != expected)
            {
                throw new StepInputException($"parameters.fields.{name}", $"must have {expected} values, has {Math.Max(length, 0)}");
            }
        }

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
