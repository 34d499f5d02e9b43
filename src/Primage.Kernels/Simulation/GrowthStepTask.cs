using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Growth;
using Primage.Kernels.Runner;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Simulation;

/// <summary>
/// The "growth" step: one treated tumour course (<see cref="TumourCourse"/>).
/// parameters:
/// <code>
/// { "model": "gompertz", "parameters": [0.3, 0.04], "v0Ml": 12.5, "outputDays": [0, 7, 14],
///   "response": { "alphaPerGy": 0.04, "alphaOverBetaGy": 10, "chemoSensitivity": 1 },
///   "therapy": {
///     "radiotherapy": [ { "startDay": 30, "dosePerFractionGy": 1.8, "fractions": 30, "fractionsPerWeek": 5, "startWeekday": 0 } ],
///     "chemotherapy": [ { "regimen": "rapid-cojec", "startDay": 0, "cycles": 8, "cycleIntervalDays": 10 } ],
///     "surgeries":    [ { "day": 90, "resectedFraction": 0.9 } ] } }
/// </code>
/// result: <c>{ "volumesMl": [...] }</c>, one per output day. "therapy" and each of its lists are
/// optional; "response" is required whenever therapy is given; "startWeekday" defaults to 0 (Monday).
/// Unknown fields are rejected so that a misspelt field cannot silently change a forecast.
/// </summary>
public sealed class GrowthStepTask : IStepTask
{
    private const int MaxOutputDays = 100_000;

    public string Name => "growth";

    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        const string Root = "parameters";
        RequireObject(parameters, Root, ["model", "parameters", "response", "v0Ml", "therapy", "outputDays"]);

        var modelName = RequireString(parameters, Root, "model");
        if (GrowthModels.All.FirstOrDefault(m => m.Name == modelName) is not { } model)
        {
            throw new StepInputException(
                $"{Root}.model", $"unknown growth model '{modelName}'; known: {string.Join(", ", GrowthModels.All.Select(m => m.Name))}");
        }

        var growthParameters = RequireNumberArray(parameters, Root, "parameters");
        if (growthParameters.Length != model.Parameters.Count)
        {
            throw new StepInputException(
                $"{Root}.parameters",
                $"model '{model.Name}' takes {model.Parameters.Count} parameters ({string.Join(", ", model.Parameters.Select(p => p.Name))}), got {growthParameters.Length}");
        }

        var v0 = RequireNumber(parameters, Root, "v0Ml");
        if (!(v0 > 0.0))
        {
            throw new StepInputException($"{Root}.v0Ml", "must be a volume > 0 mL");
        }

        var outputDays = RequireNumberArray(parameters, Root, "outputDays");
        if (outputDays.Length is 0 or > MaxOutputDays)
        {
            throw new StepInputException($"{Root}.outputDays", $"must hold 1 to {MaxOutputDays} days");
        }

        for (var i = 0; i < outputDays.Length; i++)
        {
            if (outputDays[i] < 0.0 || (i > 0 && outputDays[i] < outputDays[i - 1]))
            {
                throw new StepInputException($"{Root}.outputDays[{i}]", "days must be >= 0 and ascending");
            }
        }

        var plan = ReadPlan(parameters, $"{Root}.therapy");
        var hasTherapy = plan.Radiotherapy.Count + plan.Chemotherapy.Count > 0;
        var response = ReadResponse(parameters, Root, hasTherapy);

        cancellationToken.ThrowIfCancellationRequested();
        var compiled = CompiledTherapy.From(plan);
        var volumes = new double[outputDays.Length];
        TumourCourse.Simulate(model, growthParameters, response, compiled, v0, outputDays, volumes);

        var array = new JsonArray();
        for (var i = 0; i < volumes.Length; i++)
        {
            if (!double.IsFinite(volumes[i]))
            {
                throw new InvalidOperationException(
                    $"The tumour course did not produce a finite volume at day {outputDays[i]} (integration failed or the law diverged).");
            }

            array.Add(JsonValue.Create(volumes[i]));
        }

        return new JsonObject { ["volumesMl"] = array };
    }

    private static TherapyResponse ReadResponse(JsonElement parameters, string root, bool required)
    {
        var path = $"{root}.response";
        if (!parameters.TryGetProperty("response", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                throw new StepInputException(path, "required when therapy is given");
            }

            return new TherapyResponse(0.0, 10.0, 0.0);
        }

        RequireObject(element, path, ["alphaPerGy", "alphaOverBetaGy", "chemoSensitivity"]);
        var alpha = RequireNumber(element, path, "alphaPerGy");
        var alphaOverBeta = RequireNumber(element, path, "alphaOverBetaGy");
        var sensitivity = RequireNumber(element, path, "chemoSensitivity");
        if (alpha < 0.0)
        {
            throw new StepInputException($"{path}.alphaPerGy", "must be >= 0 /Gy");
        }

        if (!(alphaOverBeta > 0.0))
        {
            throw new StepInputException($"{path}.alphaOverBetaGy", "must be > 0 Gy");
        }

        if (sensitivity < 0.0)
        {
            throw new StepInputException($"{path}.chemoSensitivity", "must be >= 0");
        }

        return new TherapyResponse(alpha, alphaOverBeta, sensitivity);
    }

    private static TherapyPlan ReadPlan(JsonElement parameters, string path)
    {
        if (!parameters.TryGetProperty("therapy", out var therapy) || therapy.ValueKind == JsonValueKind.Null)
        {
            return TherapyPlan.None;
        }

        RequireObject(therapy, path, ["radiotherapy", "chemotherapy", "surgeries"]);
        var radiotherapy = ReadList(therapy, path, "radiotherapy", (e, p) =>
        {
            RequireObject(e, p, ["startDay", "dosePerFractionGy", "fractions", "fractionsPerWeek", "startWeekday"]);
            var startDay = RequireNumber(e, p, "startDay");
            var dose = RequireNumber(e, p, "dosePerFractionGy");
            if (!(dose > 0.0) || dose > 30.0)
            {
                throw new StepInputException($"{p}.dosePerFractionGy", "must lie in (0, 30] Gy");
            }

            var fractions = RequireInt(e, p, "fractions", 1, 100);
            var perWeek = RequireInt(e, p, "fractionsPerWeek", 1, 7);
            var weekday = e.TryGetProperty("startWeekday", out _) ? RequireInt(e, p, "startWeekday", 0, 6) : 0;
            return new RadiotherapyCourse(startDay, dose, fractions, perWeek, weekday);
        });
        var chemotherapy = ReadList(therapy, path, "chemotherapy", (e, p) =>
        {
            RequireObject(e, p, ["regimen", "startDay", "cycles", "cycleIntervalDays"]);
            var regimen = RequireString(e, p, "regimen");
            if (!RegimenCatalogue.TryGet(regimen, out _))
            {
                throw new StepInputException(
                    $"{p}.regimen", $"unknown regimen '{regimen}'; known: {string.Join(", ", RegimenCatalogue.All.Select(r => r.Name))}");
            }

            var startDay = RequireNumber(e, p, "startDay");
            var cycles = RequireInt(e, p, "cycles", 1, 100);
            var interval = RequireNumber(e, p, "cycleIntervalDays");
            if (!(interval > 0.0) && cycles > 1)
            {
                throw new StepInputException($"{p}.cycleIntervalDays", "must be > 0 days when there is more than one cycle");
            }

            return new ChemotherapyCourse(regimen, startDay, cycles, interval);
        });
        var surgeries = ReadList(therapy, path, "surgeries", (e, p) =>
        {
            RequireObject(e, p, ["day", "resectedFraction"]);
            var day = RequireNumber(e, p, "day");
            var fraction = RequireNumber(e, p, "resectedFraction");
            if (fraction is < 0.0 or > 1.0)
            {
                throw new StepInputException($"{p}.resectedFraction", "must lie in [0, 1]");
            }

            return new SurgeryEvent(day, fraction);
        });
        return new TherapyPlan(radiotherapy, chemotherapy, surgeries);
    }

    private static T[] ReadList<T>(JsonElement parent, string path, string name, Func<JsonElement, string, T> read)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new StepInputException($"{path}.{name}", "must be an array");
        }

        var items = new T[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[i] = read(item, $"{path}.{name}[{i}]");
            i++;
        }

        return items;
    }

    private static void RequireObject(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException(path, "must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new StepInputException($"{path}.{property.Name}", $"unknown field; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    private static string RequireString(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            throw new StepInputException($"{path}.{name}", "required string");
        }

        return element.GetString()!;
    }

    private static double RequireNumber(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number
            || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new StepInputException($"{path}.{name}", "required finite number");
        }

        return value;
    }

    private static int RequireInt(JsonElement parent, string path, string name, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number
            || !element.TryGetInt32(out var value) || value < min || value > max)
        {
            throw new StepInputException($"{path}.{name}", $"required integer in [{min}, {max}]");
        }

        return value;
    }

    private static double[] RequireNumberArray(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Array)
        {
            throw new StepInputException($"{path}.{name}", "required array of numbers");
        }

        var values = new double[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw new StepInputException($"{path}.{name}[{i}]", "must be a finite number");
            }

            values[i++] = value;
        }

        return values;
    }
}
