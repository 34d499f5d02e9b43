using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Growth;
using Primage.Kernels.Runner;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Scenarios;

/// <summary>
/// The "scenarios" step: forecasts several therapy plans for one twin on the same posterior draws
/// (<see cref="ScenarioForecaster"/>) and compares them pairwise.
/// parameters:
/// <code>
/// { "particles": [ { "model": "exponential", "parameters": [0.01], "v0Ml": 20, "weight": 1,
///                    "response": { "alphaPerGy": 0.04, "alphaOverBetaGy": 10, "chemoSensitivity": 1 } } ],
///   "draws": 256,
///   "plans": [ { "name": "standard", "therapy": { "radiotherapy": [...], "chemotherapy": [...], "surgeries": [...] } } ],
///   "outputDays": [0, 7, 14], "compareDays": [60] }
/// </code>
/// Therapy objects are those of the "growth" task. result:
/// <code>
/// { "draws": n, "plans": [ { "name", "bedGy", "trajectory": [ { "day", "q05", "q25", "q50", "q75", "q95" } ],
///     "endpoints": { "nadirVolumeMl": { "q05", "q50", "q95" }, "nadirDay": {...}, "finalVolumeMl": {...} } } ],
///   "comparisons": [ { "a", "b", "endpoint": "nadir" | "volume", "day"?, "probabilityALower",
///     "differenceMl": { "q05", "q50", "q95" } } ] }
/// </code>
/// The nadir is the lowest volume on the daily grid from the plan's first treatment day (day 0 when
/// the plan has none) to the last output day; bedGy uses the draws' median alpha/beta.
/// probabilityALower counts draws with V_A &lt; V_B, ties counted half; differenceMl is V_A - V_B per draw.
/// </summary>
public sealed class ScenarioStepTask : IStepTask
{
    private const string Root = "parameters";
    private const int MaxDraws = 20_000;
    private const int MaxDays = 20_000;

    public string Name => "scenarios";

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException(Root, "must be an object");
        }

        var particles = ReadParticles(parameters);
        var plans = ReadPlans(parameters);
        var outputDays = ReadDays(parameters, "outputDays", required: true);
        var compareDays = ReadDays(parameters, "compareDays", required: false);
        var draws = parameters.TryGetProperty("draws", out var d) && d.ValueKind != JsonValueKind.Null
            ? Int(d, $"{Root}.draws", 1, MaxDraws)
            : particles.Count;

        var run = ScenarioForecaster.Run(particles, plans, outputDays, draws, seed, cancellationToken);
        var gridIndex = run.Grid.Select((day, i) => (day, i)).ToDictionary(x => x.day, x => x.i);
        var nadirs = new double[plans.Count][];
        var planNodes = new JsonArray();
        var alphaOverBeta = Median(run.Draws.Select(i => particles[i].Response.AlphaOverBetaGy));
        for (var p = 0; p < plans.Count; p++)
        {
            var from = ScenarioForecaster.FirstTreatmentDay(plans[p].Therapy) ?? 0.0;
            var start = Array.FindIndex(run.Grid, day => day >= from);
            var nadir = new double[draws];
            var nadirDay = new double[draws];
            var final = new double[draws];
            for (var i = 0; i < draws; i++)
            {
                var v = run.Volumes[p][i];
                var best = start;
                for (var g = start; g < v.Length; g++)
                {
                    if (v[g] < v[best])
                    {
                        best = g;
                    }
                }

                nadir[i] = v[best];
                nadirDay[i] = run.Grid[best];
                final[i] = v[^1];
            }

            nadirs[p] = nadir;
            var trajectory = new JsonArray();
            foreach (var day in outputDays)
            {
                var column = run.Volumes[p].Select(v => v[gridIndex[day]]).Order().ToArray();
                trajectory.Add(new JsonObject
                {
                    ["day"] = day,
                    ["q05"] = ScenarioForecaster.Quantile(column, 0.05),
                    ["q25"] = ScenarioForecaster.Quantile(column, 0.25),
                    ["q50"] = ScenarioForecaster.Quantile(column, 0.50),
                    ["q75"] = ScenarioForecaster.Quantile(column, 0.75),
                    ["q95"] = ScenarioForecaster.Quantile(column, 0.95),
                });
            }

            planNodes.Add(new JsonObject
            {
                ["name"] = plans[p].Name,
                ["bedGy"] = plans[p].Therapy.Radiotherapy.Count == 0 ? null : ScenarioForecaster.BiologicallyEffectiveDose(plans[p].Therapy, alphaOverBeta),
                ["trajectory"] = trajectory,
                ["endpoints"] = new JsonObject
                {
                    ["nadirVolumeMl"] = Interval(nadir),
                    ["nadirDay"] = Interval(nadirDay),
                    ["finalVolumeMl"] = Interval(final),
                },
            });
        }

        var comparisons = new JsonArray();
        for (var a = 0; a < plans.Count; a++)
        {
            for (var b = a + 1; b < plans.Count; b++)
            {
                comparisons.Add(Compare(plans[a].Name, plans[b].Name, "nadir", null, nadirs[a], nadirs[b]));
                foreach (var day in compareDays)
                {
                    var g = gridIndex.TryGetValue(day, out var idx) ? idx : Array.FindIndex(run.Grid, x => x >= day);
                    var va = run.Volumes[a].Select(v => v[g]).ToArray();
                    var vb = run.Volumes[b].Select(v => v[g]).ToArray();
                    comparisons.Add(Compare(plans[a].Name, plans[b].Name, "volume", run.Grid[g], va, vb));
                }
            }
        }

        return new JsonObject { ["draws"] = draws, ["plans"] = planNodes, ["comparisons"] = comparisons };
    }

    private static JsonObject Compare(string a, string b, string endpoint, double? day, double[] va, double[] vb)
    {
        var lower = 0.0;
        var differences = new double[va.Length];
        for (var i = 0; i < va.Length; i++)
        {
            differences[i] = va[i] - vb[i];
            lower += va[i] < vb[i] ? 1.0 : va[i] == vb[i] ? 0.5 : 0.0;
        }

        var node = new JsonObject { ["a"] = a, ["b"] = b, ["endpoint"] = endpoint };
        if (day is { } d)
        {
            node["day"] = d;
        }

        node["probabilityALower"] = lower / va.Length;
        node["differenceMl"] = Interval(differences);
        return node;
    }

    private static JsonObject Interval(double[] values)
    {
        var sorted = values.Order().ToArray();
        return new JsonObject
        {
            ["q05"] = ScenarioForecaster.Quantile(sorted, 0.05),
            ["q50"] = ScenarioForecaster.Quantile(sorted, 0.50),
            ["q95"] = ScenarioForecaster.Quantile(sorted, 0.95),
        };
    }

    private static double Median(IEnumerable<double> values) => ScenarioForecaster.Quantile(values.Order().ToArray(), 0.5);

    private static List<ScenarioParticle> ReadParticles(JsonElement parameters)
    {
        var list = new List<ScenarioParticle>();
        var i = 0;
        foreach (var e in Items(parameters, "particles", Root))
        {
            var path = $"{Root}.particles[{i++}]";
            var name = Text(Required(e, "model", path), $"{path}.model");
            var model = GrowthModels.All.FirstOrDefault(m => m.Name == name)
                ?? throw new StepInputException($"{path}.model", $"unknown growth model '{name}'");
            var values = Items(e, "parameters", path).Select((x, k) => Number(x, $"{path}.parameters[{k}]")).ToArray();
            if (values.Length != model.Parameters.Count)
            {
                throw new StepInputException($"{path}.parameters", $"model '{name}' takes {model.Parameters.Count} parameters");
            }

            var v0 = Number(Required(e, "v0Ml", path), $"{path}.v0Ml");
            if (!(v0 > 0.0))
            {
                throw new StepInputException($"{path}.v0Ml", "must be > 0 mL");
            }

            var weight = e.TryGetProperty("weight", out var w) ? Number(w, $"{path}.weight") : 1.0;
            if (!(weight >= 0.0))
            {
                throw new StepInputException($"{path}.weight", "must be >= 0");
            }

            var r = Required(e, "response", path);
            var response = new TherapyResponse(
                Number(Required(r, "alphaPerGy", $"{path}.response"), $"{path}.response.alphaPerGy"),
                Number(Required(r, "alphaOverBetaGy", $"{path}.response"), $"{path}.response.alphaOverBetaGy"),
                Number(Required(r, "chemoSensitivity", $"{path}.response"), $"{path}.response.chemoSensitivity"));
            if (response.AlphaPerGy < 0 || !(response.AlphaOverBetaGy > 0) || response.ChemoSensitivity < 0)
            {
                throw new StepInputException($"{path}.response", "needs alphaPerGy >= 0, alphaOverBetaGy > 0, chemoSensitivity >= 0");
            }

            list.Add(new ScenarioParticle(model, values, v0, response, weight));
        }

        if (list.Count == 0 || !(list.Sum(p => p.Weight) > 0.0))
        {
            throw new StepInputException($"{Root}.particles", "needs at least one particle with a positive weight");
        }

        return list;
    }

    private static List<ScenarioPlan> ReadPlans(JsonElement parameters)
    {
        var plans = new List<ScenarioPlan>();
        var i = 0;
        foreach (var e in Items(parameters, "plans", Root))
        {
            var path = $"{Root}.plans[{i++}]";
            var name = Text(Required(e, "name", path), $"{path}.name");
            if (plans.Any(p => p.Name == name))
            {
                throw new StepInputException($"{path}.name", $"'{name}' is used twice");
            }

            plans.Add(new ScenarioPlan(name, ReadTherapy(e.TryGetProperty("therapy", out var t) ? t : default, $"{path}.therapy")));
        }

        if (plans.Count == 0)
        {
            throw new StepInputException($"{Root}.plans", "needs at least one plan");
        }

        return plans;
    }

    private static TherapyPlan ReadTherapy(JsonElement therapy, string path)
    {
        if (therapy.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return TherapyPlan.None;
        }

        var radiotherapy = Optional(therapy, "radiotherapy", path).Select((e, k) =>
        {
            var p = $"{path}.radiotherapy[{k}]";
            var dose = Number(Required(e, "dosePerFractionGy", p), $"{p}.dosePerFractionGy");
            if (!(dose > 0.0) || dose > 30.0)
            {
                throw new StepInputException($"{p}.dosePerFractionGy", "must lie in (0, 30] Gy");
            }

            return new RadiotherapyCourse(
                Number(Required(e, "startDay", p), $"{p}.startDay"),
                dose,
                Int(Required(e, "fractions", p), $"{p}.fractions", 1, 100),
                Int(Required(e, "fractionsPerWeek", p), $"{p}.fractionsPerWeek", 1, 7),
                e.TryGetProperty("startWeekday", out var wd) ? Int(wd, $"{p}.startWeekday", 0, 6) : 0);
        }).ToArray();
        var chemotherapy = Optional(therapy, "chemotherapy", path).Select((e, k) =>
        {
            var p = $"{path}.chemotherapy[{k}]";
            var regimen = Text(Required(e, "regimen", p), $"{p}.regimen");
            if (!RegimenCatalogue.TryGet(regimen, out _))
            {
                throw new StepInputException($"{p}.regimen", $"unknown regimen '{regimen}'");
            }

            return new ChemotherapyCourse(
                regimen,
                Number(Required(e, "startDay", p), $"{p}.startDay"),
                Int(Required(e, "cycles", p), $"{p}.cycles", 1, 100),
                Number(Required(e, "cycleIntervalDays", p), $"{p}.cycleIntervalDays"));
        }).ToArray();
        var surgeries = Optional(therapy, "surgeries", path).Select((e, k) =>
        {
            var p = $"{path}.surgeries[{k}]";
            var fraction = Number(Required(e, "resectedFraction", p), $"{p}.resectedFraction");
            if (fraction is < 0.0 or > 1.0)
            {
                throw new StepInputException($"{p}.resectedFraction", "must lie in [0, 1]");
            }

            return new SurgeryEvent(Number(Required(e, "day", p), $"{p}.day"), fraction);
        }).ToArray();
        return new TherapyPlan(radiotherapy, chemotherapy, surgeries);
    }

    private static double[] ReadDays(JsonElement parameters, string name, bool required)
    {
        if (!parameters.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new StepInputException($"{Root}.{name}", "is required") : [];
        }

        var days = Items(parameters, name, Root).Select((x, k) => Number(x, $"{Root}.{name}[{k}]")).ToArray();
        if ((required && days.Length == 0) || days.Any(x => x < 0.0 || x > MaxDays))
        {
            throw new StepInputException($"{Root}.{name}", $"must hold days in [0, {MaxDays}]");
        }

        return days;
    }

    private static JsonElement Required(JsonElement parent, string name, string path)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new StepInputException($"{path}.{name}", "is required");

    private static JsonElement.ArrayEnumerator Items(JsonElement parent, string name, string path)
    {
        var e = Required(parent, name, path);
        return e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw new StepInputException($"{path}.{name}", "must be an array");
    }

    private static IEnumerable<JsonElement> Optional(JsonElement parent, string name, string path)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? Items(parent, name, path)
            : [];

    private static double Number(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw new StepInputException(path, "must be a finite number");

    private static int Int(JsonElement e, string path, int min, int max)
        => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) && v >= min && v <= max ? v : throw new StepInputException(path, $"must be an integer in [{min}, {max}]");

    private static string Text(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s ? s : throw new StepInputException(path, "must be a non-empty string");
}
