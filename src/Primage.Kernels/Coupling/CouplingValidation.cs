using System.Text.Json;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Checks of the coupling documents a step receives (fields, state, plan, config, outputs). Each
/// throws <see cref="StepInputException"/> naming the first invalid field by its JSON path, so a step
/// dispatched to a cluster fails at once with the field rather than deep inside the numerics.
/// </summary>
internal static class CouplingValidation
{
    /// <summary>Most voxels a coupling document may hold (the grids used are 8^3 to 12^3).</summary>
    public const long MaxVoxels = 50_000_000;

    /// <summary>Deserialises a step's parameters, mapping a JSON error to the field it occurred at.</summary>
    public static T Deserialise<T>(JsonElement parameters)
        where T : class
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException("parameters", "must be an object");
        }

        try
        {
            return parameters.Deserialize<T>(MicroJson.Options) ?? throw new StepInputException("parameters", "must be an object");
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } at && at.StartsWith('$') ? "parameters" + at[1..] : "parameters";
            throw new StepInputException(path, ex.Message);
        }
    }

    public static void Fields(MacroFields? f, string path)
    {
        if (f is null)
        {
            throw new StepInputException(path, "is required");
        }

        if (f.Nx < 1 || f.Ny < 1 || f.Nz < 1 || (long)f.Nx * f.Ny * f.Nz > MaxVoxels)
        {
            throw new StepInputException($"{path}.nx", $"grid dimensions must be >= 1 with at most {MaxVoxels:E0} voxels");
        }

        if (!double.IsFinite(f.VoxelVolumeMm3) || f.VoxelVolumeMm3 <= 0)
        {
            throw new StepInputException($"{path}.voxelVolumeMm3", "must be > 0");
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
                throw new StepInputException($"{path}.{name}", $"must have {expected} values, has {Math.Max(length, 0)}");
            }
        }

        (string Name, double[] Values)[] bounded =
        [
            ("density", f.Density!), ("oxygen", f.Oxygen!), ("drugExposure", f.DrugExposure!), ("matrix", f.Matrix!), ("cellularity", f.Cellularity!),
        ];
        foreach (var (name, values) in bounded)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]) || values[i] < 0 || values[i] > 1)
                {
                    throw new StepInputException($"{path}.{name}[{i}]", "must be in [0, 1]");
                }
            }
        }
    }

    public static void Config(MultiscaleConfig? c, string path)
    {
        if (c is null)
        {
            throw new StepInputException(path, "is required");
        }

        if (c.Windows is < 0 or > 10_000)
        {
            throw new StepInputException($"{path}.windows", "must be in [0, 10000]");
        }

        if (c.Genetics is null)
        {
            throw new StepInputException($"{path}.genetics", "is required");
        }

        if (!Enum.IsDefined(c.Genetics.Alk))
        {
            throw new StepInputException($"{path}.genetics.alk", "is not a known ALK status");
        }

        if (!Enum.IsDefined(c.Histology))
        {
            throw new StepInputException($"{path}.histology", "is not a known histology and grade");
        }

        if (c.ChemoWindows is null)
        {
            throw new StepInputException($"{path}.chemoWindows", "is required (an empty list for none)");
        }

        MicroModel.ValidateChemoWindows(c.ChemoWindows, $"{path}.chemoWindows");
        if (c.Regions is < 1 or > 1024)
        {
            throw new StepInputException($"{path}.regions", "must be in [1, 1024]");
        }

        if (c.WindowHours is < 1 or > 100_000)
        {
            throw new StepInputException($"{path}.windowHours", "must be in [1, 100000]");
        }

        if (c.AgentCapPerRegion < 1 || c.AgentCapPerRegion > MicroModel.MaxAgentCap)
        {
            throw new StepInputException($"{path}.agentCapPerRegion", $"must be in [1, {MicroModel.MaxAgentCap}]");
        }

        if (!double.IsFinite(c.DensityThreshold) || c.DensityThreshold <= 0 || c.DensityThreshold > 1)
        {
            throw new StepInputException($"{path}.densityThreshold", "must be in (0, 1]");
        }

        if (c.KMeansIterations is < 0 or > 10_000)
        {
            throw new StepInputException($"{path}.kMeansIterations", "must be in [0, 10000]");
        }
    }

    public static void Macro(MacroWindowSettings? m, string path)
    {
        if (m is null)
        {
            throw new StepInputException(path, "is required");
        }

        (string Name, double Value)[] nonNegative =
        [
            ("diffusionMm2PerDay", m.DiffusionMm2PerDay), ("rhoPerDay", m.RhoPerDay),
            ("vesselOxygen", m.VesselOxygen), ("oxygenConsumption", m.OxygenConsumption), ("exposureLoss", m.ExposureLoss),
        ];
        foreach (var (name, value) in nonNegative)
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new StepInputException($"{path}.{name}", "must be a finite number >= 0");
            }
        }
    }

    public static void State(MultiscaleState? s, string path)
    {
        if (s is null)
        {
            throw new StepInputException(path, "is required");
        }

        if (s.NextWindow < 0)
        {
            throw new StepInputException($"{path}.nextWindow", "must be >= 0");
        }

        Fields(s.Fields, $"{path}.fields");
        var n = s.Fields.VoxelCount;
        (string Name, int Length)[] arrays =
        [
            ("telomereMean", s.TelomereMean?.Length ?? -1), ("telomereSd", s.TelomereSd?.Length ?? -1),
            ("differentiationMean", s.DifferentiationMean?.Length ?? -1), ("differentiationSd", s.DifferentiationSd?.Length ?? -1),
            ("sampled", s.Sampled?.Length ?? -1),
        ];
        foreach (var (name, length) in arrays)
        {
            if (length != n)
            {
                throw new StepInputException($"{path}.{name}", $"must have {n} values, has {Math.Max(length, 0)}");
            }
        }

        if (s.History is null)
        {
            throw new StepInputException($"{path}.history", "is required (an empty list before the first window)");
        }

        if (s.History.Count != s.NextWindow)
        {
            throw new StepInputException($"{path}.history", $"must hold one summary per finished window ({s.NextWindow}), holds {s.History.Count}");
        }
    }

    public static void Plan(WindowPlan? p, MultiscaleConfig config, MultiscaleState state, string path)
    {
        if (p is null)
        {
            throw new StepInputException(path, "is required");
        }

        if (p.Window != state.NextWindow)
        {
            throw new StepInputException($"{path}.window", $"must be the state's next window ({state.NextWindow}), was {p.Window}");
        }

        Fields(p.Fields, $"{path}.fields");
        if (p.Fields.Nx != state.Fields.Nx || p.Fields.Ny != state.Fields.Ny || p.Fields.Nz != state.Fields.Nz)
        {
            throw new StepInputException($"{path}.fields.nx", "the plan's grid must be the state's grid");
        }

        if (p.Regions is null || p.Seeds is null)
        {
            throw new StepInputException(p.Regions is null ? $"{path}.regions" : $"{path}.seeds", "is required");
        }

        if (p.Regions.Count > config.Regions)
        {
            throw new StepInputException($"{path}.regions", $"must hold at most {config.Regions} regions (the config's), holds {p.Regions.Count}");
        }

        if (p.Seeds.Count != p.Regions.Count)
        {
            throw new StepInputException($"{path}.seeds", $"must hold one seed per region ({p.Regions.Count}), holds {p.Seeds.Count}");
        }

        var n = state.Fields.VoxelCount;
        if (p.Assignment is null || p.Assignment.Length != n)
        {
            throw new StepInputException($"{path}.assignment", $"must have {n} values, has {p.Assignment?.Length ?? 0}");
        }

        for (var v = 0; v < n; v++)
        {
            if (p.Assignment[v] < -1 || p.Assignment[v] >= p.Regions.Count)
            {
                throw new StepInputException($"{path}.assignment[{v}]", $"must be -1 or a region index below {p.Regions.Count}");
            }
        }
    }

    public static void Outputs(IReadOnlyList<MicroRegionOutput>? outputs, int regions, string path)
    {
        if (outputs is null)
        {
            throw new StepInputException(path, "is required");
        }

        if (outputs.Count != regions)
        {
            throw new StepInputException(path, $"must hold one output per region of the plan ({regions}), holds {outputs.Count}");
        }

        for (var k = 0; k < outputs.Count; k++)
        {
            var o = outputs[k];
            var at = $"{path}[{k}]";
            if (o is null)
            {
                throw new StepInputException(at, "must be an object");
            }

            if (o.Cellularity is null)
            {
                throw new StepInputException($"{at}.cellularity", "is required");
            }

            if (o.Statistics is null)
            {
                throw new StepInputException($"{at}.statistics", "is required");
            }

            (string Name, double Value)[] finite =
            [
                ("volumeRatio", o.VolumeRatio), ("oxygenChange", o.OxygenChange), ("matrixChange", o.MatrixChange), ("cellCount", o.CellCount),
            ];
            foreach (var (name, value) in finite)
            {
                if (!double.IsFinite(value))
                {
                    throw new StepInputException($"{at}.{name}", "must be a finite number");
                }
            }

            if (o.VolumeRatio < 0 && o.VolumeRatio != -1)
            {
                throw new StepInputException($"{at}.volumeRatio", "must be >= 0, or -1 when every cell died");
            }
        }
    }
}
