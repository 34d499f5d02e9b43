using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Runner;
using P = Primage.Kernels.Runner.StepParameters;

namespace Primage.Kernels.Macro;

/// <summary>
/// Runner task "pi3d": the 3D proliferation-invasion model. Parameters (see docs/step-documents.md):
/// grid [nx, ny, nz], voxelMm, rho (1/day), d (mm^2/day) or tissue {labels[n], dByLabel[]},
/// v0Mm3 (+ optional centreMm [x, y, z]) or field[n], optional therapy, horizonDays, outputDays[],
/// optional thresholds[] (default 0.8, 0.16), threads, safety. Arrays over the grid are x fastest.
/// The result is bit-identical for any thread count, so "threads" only changes the speed.
/// </summary>
public sealed class Pi3dTask : IStepTask
{
    /// <summary>The largest grid the task accepts (voxels): 512^3.</summary>
    public const long MaxVoxels = 512L * 512 * 512;

    private const string Root = "parameters";

    public string Name => "pi3d";

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        P.RejectUnknown(parameters, Root, "grid", "voxelMm", "rho", "d", "tissue", "v0Mm3", "centreMm", "field", "therapy", "horizonDays", "outputDays", "thresholds", "threads", "safety");
        var grid = P.Array(parameters, Root, "grid");
        if (grid.GetArrayLength() != 3)
        {
            throw new StepInputException($"{Root}.grid", "expected 3 integers [nx, ny, nz]");
        }

        var nx = P.CheckInteger(grid[0], $"{Root}.grid[0]", 1, 4096);
        var ny = P.CheckInteger(grid[1], $"{Root}.grid[1]", 1, 4096);
        var nz = P.CheckInteger(grid[2], $"{Root}.grid[2]", 1, 4096);
        var count = (long)nx * ny * nz;
        if (count > MaxVoxels)
        {
            throw new StepInputException($"{Root}.grid", $"{count} voxels exceed the limit of {MaxVoxels}");
        }

        var voxelMm = P.Number(parameters, Root, "voxelMm", 1e-6, 1e3);
        if (voxelMm <= 0)
        {
            throw new StepInputException($"{Root}.voxelMm", "must be positive");
        }

        var rho = P.Number(parameters, Root, "rho", 0, 100);
        var diffusion = ReadDiffusion(parameters, (int)count);
        var horizon = P.Number(parameters, Root, "horizonDays", 0, 36500);
        var outputDays = ReadOutputDays(parameters, horizon);
        var thresholds = ReadThresholds(parameters);
        var therapy = P.Optional(parameters, "therapy") is { } t ? ReadTherapy(t, $"{Root}.therapy") : Pi3dTherapy.None;
        var threads = P.Integer(parameters, Root, "threads", Math.Min(Environment.ProcessorCount, 64), 1, 256);
        var safety = P.Number(parameters, Root, "safety", 0.9, 0.01, 1);

        var field = new double[count];
        var hasV0 = P.Optional(parameters, "v0Mm3") is not null;
        var hasField = P.Optional(parameters, "field") is not null;
        if (hasV0 == hasField)
        {
            throw new StepInputException($"{Root}.v0Mm3", "give exactly one of v0Mm3 (a sphere of that volume) or field (a density per voxel)");
        }

        if (hasV0)
        {
            var v0 = P.Number(parameters, Root, "v0Mm3", 0, double.MaxValue);
            var centre = (nx * voxelMm / 2, ny * voxelMm / 2, nz * voxelMm / 2);
            if (P.Optional(parameters, "centreMm") is { } c)
            {
                if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() != 3)
                {
                    throw new StepInputException($"{Root}.centreMm", "expected 3 numbers [x, y, z] in mm from the grid corner");
                }

                centre = (P.CheckNumber(c[0], $"{Root}.centreMm[0]"), P.CheckNumber(c[1], $"{Root}.centreMm[1]"), P.CheckNumber(c[2], $"{Root}.centreMm[2]"));
            }

            SphereInitialCondition.Fill(field, nx, ny, nz, voxelMm, v0, centre, diffusion);
        }
        else
        {
            var values = P.Array(parameters, Root, "field");
            RequireLength(values, $"{Root}.field", count);
            var i = 0;
            foreach (var value in values.EnumerateArray())
            {
                field[i] = P.CheckNumber(value, P.Index($"{Root}.field", i), 0, 1);
                i++;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var model = new ProliferationInvasionModel(nx, ny, nz, voxelMm, rho, diffusion, threads);
        model.SetDensity(field);
        var result = Pi3dSimulation.Run(model, therapy, horizon, outputDays, thresholds, safety, cancellationToken);
        return ToJson(result, nx, ny, nz, voxelMm);
    }

    private static JsonObject ToJson(Pi3dResult result, int nx, int ny, int nz, double voxelMm)
    {
        var visible = new JsonArray();
        for (var i = 0; i < result.Thresholds.Count; i++)
        {
            visible.Add(new JsonObject
            {
                ["threshold"] = result.Thresholds[i],
                ["volumesMm3"] = new JsonArray([.. result.Snapshots.Select(s => (JsonNode)s.VisibleVolumesMm3[i])]),
            });
        }

        return new JsonObject
        {
            ["grid"] = new JsonArray(nx, ny, nz),
            ["voxelMm"] = voxelMm,
            ["maxDtDays"] = result.MaxDtDays,
            ["steps"] = result.Steps,
            ["days"] = new JsonArray([.. result.Snapshots.Select(s => (JsonNode)s.Day)]),
            ["visibleVolumes"] = visible,
            ["burdenMm3"] = new JsonArray([.. result.Snapshots.Select(s => (JsonNode)s.BurdenMm3)]),
            ["maxDensity"] = new JsonArray([.. result.Snapshots.Select(s => (JsonNode)s.MaxDensity)]),
        };
    }

    private static double[] ReadDiffusion(JsonElement parameters, int count)
    {
        var d = new double[count];
        var tissue = P.Optional(parameters, "tissue");
        var hasD = P.Optional(parameters, "d") is not null;
        if (tissue is null)
        {
            Array.Fill(d, P.Number(parameters, Root, "d", 0, 1e6));
            return d;
        }

        if (hasD)
        {
            throw new StepInputException($"{Root}.d", "give either d (uniform) or tissue (a label per voxel), not both");
        }

        var path = $"{Root}.tissue";
        P.RejectUnknown(tissue.Value, path, "labels", "dByLabel");
        var byLabelElement = P.Array(tissue.Value, path, "dByLabel");
        var byLabel = new double[byLabelElement.GetArrayLength()];
        if (byLabel.Length == 0)
        {
            throw new StepInputException($"{path}.dByLabel", "must list D (mm^2/day) for at least one label");
        }

        for (var i = 0; i < byLabel.Length; i++)
        {
            byLabel[i] = P.CheckNumber(byLabelElement[i], P.Index($"{path}.dByLabel", i), 0, 1e6);
        }

        var labels = P.Array(tissue.Value, path, "labels");
        RequireLength(labels, $"{path}.labels", count);
        var p = 0;
        foreach (var label in labels.EnumerateArray())
        {
            d[p] = byLabel[P.CheckInteger(label, P.Index($"{path}.labels", p), 0, byLabel.Length - 1)];
            p++;
        }

        return d;
    }

    private static double[] ReadOutputDays(JsonElement parameters, double horizon)
    {
        var days = P.Array(parameters, Root, "outputDays");
        var result = new double[days.GetArrayLength()];
        if (result.Length == 0)
        {
            throw new StepInputException($"{Root}.outputDays", "must list at least one day");
        }

        for (var i = 0; i < result.Length; i++)
        {
            var path = P.Index($"{Root}.outputDays", i);
            result[i] = P.CheckNumber(days[i], path);
            if (result[i] < 0 || result[i] > horizon)
            {
                throw new StepInputException(path, $"must be within [0, horizonDays = {horizon:R}]");
            }

            if (i > 0 && result[i] <= result[i - 1])
            {
                throw new StepInputException(path, "output days must be strictly ascending");
            }
        }

        return result;
    }

    private static double[] ReadThresholds(JsonElement parameters)
    {
        if (P.Optional(parameters, "thresholds") is null)
        {
            return [.. Pi3dSimulation.DefaultThresholds];
        }

        var values = P.Array(parameters, Root, "thresholds");
        var result = new double[values.GetArrayLength()];
        if (result.Length == 0)
        {
            throw new StepInputException($"{Root}.thresholds", "must list at least one threshold");
        }

        for (var i = 0; i < result.Length; i++)
        {
            var path = P.Index($"{Root}.thresholds", i);
            result[i] = P.CheckNumber(values[i], path, 0, 1);
            if (result[i] <= 0)
            {
                throw new StepInputException(path, "must be in (0, 1] (a fraction of carrying capacity)");
            }
        }

        return result;
    }

    private static Pi3dTherapy ReadTherapy(JsonElement therapy, string path)
    {
        P.RejectUnknown(therapy, path, "alphaPerGy", "alphaOverBetaGy", "radiotherapy", "chemotherapy");
        var alpha = P.Number(therapy, path, "alphaPerGy", 0.04, 0, 10);
        var alphaOverBeta = P.Number(therapy, path, "alphaOverBetaGy", 10, 1e-3, 1e3);
        var rt = new List<Pi3dRadiotherapyCourse>();
        if (P.Optional(therapy, "radiotherapy") is not null)
        {
            var courses = P.Array(therapy, path, "radiotherapy");
            for (var i = 0; i < courses.GetArrayLength(); i++)
            {
                var c = courses[i];
                var at = P.Index($"{path}.radiotherapy", i);
                P.RejectUnknown(c, at, "startDay", "startWeekday", "dosePerFractionGy", "fractions", "fractionsPerWeek");
                rt.Add(new Pi3dRadiotherapyCourse(
                    P.Number(c, at, "startDay", 0, 36500),
                    P.Integer(c, at, "startWeekday", 0, 0, 6),
                    P.Number(c, at, "dosePerFractionGy", 0, 100),
                    P.Integer(c, at, "fractions", 0, 1000),
                    P.Integer(c, at, "fractionsPerWeek", 5, 1, 5)));
            }
        }

        var chemo = new List<Pi3dChemoCourse>();
        if (P.Optional(therapy, "chemotherapy") is not null)
        {
            var courses = P.Array(therapy, path, "chemotherapy");
            for (var i = 0; i < courses.GetArrayLength(); i++)
            {
                var c = courses[i];
                var at = P.Index($"{path}.chemotherapy", i);
                P.RejectUnknown(c, at, "startDay", "cycles", "cycleIntervalDays", "exposurePerCycle", "decayPerDay", "killPerDayPerExposure");
                chemo.Add(new Pi3dChemoCourse(
                    P.Number(c, at, "startDay", 0, 36500),
                    P.Integer(c, at, "cycles", 0, 1000),
                    P.Number(c, at, "cycleIntervalDays", 1, 0, 3650),
                    P.Number(c, at, "exposurePerCycle", 1, 0, 1e6),
                    P.Number(c, at, "decayPerDay", 0, 1e3),
                    P.Number(c, at, "killPerDayPerExposure", 0, 1e3)));
            }
        }

        return new Pi3dTherapy(alpha, alphaOverBeta, rt, chemo);
    }

    private static void RequireLength(JsonElement array, string path, long count)
    {
        if (array.GetArrayLength() != count)
        {
            throw new StepInputException(path, $"expected {count} values (nx * ny * nz, x fastest), found {array.GetArrayLength()}");
        }
    }
}
