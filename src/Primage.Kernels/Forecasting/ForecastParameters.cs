using System.Text.Json;
using Primage.Kernels.Calibration;
using Primage.Kernels.Growth;
using Primage.Kernels.Runner;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Forecasting;

/// <summary>The validated parameters of the "forecast" step (see <see cref="ForecastStepTask"/>).</summary>
internal sealed record ForecastParameters(
    string Disease,
    IReadOnlyList<IGrowthModel> Models,
    int EnsembleSize,
    string? PriorState,
    IReadOnlyList<VolumeObservation> Observations,
    TherapyPlan Therapy,
    double HorizonDays,
    IReadOnlyList<double>? OutputDays,
    double OutputStepDays,
    double ReferenceDays,
    MeasurementErrorModel ErrorModel,
    int MaxThreads,
    int PairedDraws = 0)
{
    /// <summary>The most paired draws a forecast reports (20,000 floats a day at most).</summary>
    public const int MaxPairedDraws = 20_000;

    private const string Root = "parameters";

    public static ForecastParameters Parse(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException(Root, "must be an object");
        }

        var disease = JsonFields.Text(JsonFields.Required(p, "disease", Root), $"{Root}.disease");
        if (!DiseasePriors.Diseases.Contains(disease))
        {
            throw new StepInputException($"{Root}.disease", $"unknown disease '{disease}'; expected one of: {string.Join(", ", DiseasePriors.Diseases)}");
        }

        var models = ParseModels(p);
        var ensembleSize = JsonFields.TryGet(p, "ensembleSize", out var es) ? JsonFields.Integer(es, $"{Root}.ensembleSize", 32, 20_000) : SmcSettings.Default.ParticleCount;
        string? priorState = null;
        if (JsonFields.TryGet(p, "priorState", out var ps))
        {
            priorState = JsonFields.Text(ps, $"{Root}.priorState");
        }

        var observations = ParseObservations(p);
        var therapy = ParseTherapy(p);
        var horizon = JsonFields.TryGet(p, "horizonDays", out var h) ? JsonFields.Number(h, $"{Root}.horizonDays", 1, 3650) : 365.0;
        IReadOnlyList<double>? outputDays = null;
        if (JsonFields.TryGet(p, "outputDays", out _))
        {
            var list = JsonFields.Array(p, "outputDays", Root).Select((e, i) => JsonFields.Number(e, $"{Root}.outputDays[{i}]", 0, observations[^1].Day + horizon)).ToArray();
            for (var i = 1; i < list.Length; i++)
            {
                if (list[i] <= list[i - 1])
                {
                    throw new StepInputException($"{Root}.outputDays[{i}]", "days must be strictly ascending");
                }
            }

            if (list.Length == 0)
            {
                throw new StepInputException($"{Root}.outputDays", "must not be empty");
            }

            outputDays = list;
        }

        var step = JsonFields.TryGet(p, "outputStepDays", out var st) ? JsonFields.Number(st, $"{Root}.outputStepDays", 0.25, 365) : 7.0;
        var reference = JsonFields.TryGet(p, "referenceDays", out var rd) ? JsonFields.Number(rd, $"{Root}.referenceDays", 0, 3650) : 90.0;
        var error = MeasurementErrorModel.ClinicalDefault;
        if (JsonFields.TryGet(p, "errorModel", out var em))
        {
            error = new MeasurementErrorModel(
                JsonFields.Number(JsonFields.Required(em, "sigma", $"{Root}.errorModel"), $"{Root}.errorModel.sigma", 1e-4, 10),
                JsonFields.Number(JsonFields.Required(em, "alpha", $"{Root}.errorModel"), $"{Root}.errorModel.alpha", 0, 1.5));
        }

        var threads = JsonFields.TryGet(p, "maxThreads", out var mt) ? JsonFields.Integer(mt, $"{Root}.maxThreads", 1, 256) : 1;
        var paired = JsonFields.TryGet(p, "pairedDraws", out var pd) ? JsonFields.Integer(pd, $"{Root}.pairedDraws", 0, MaxPairedDraws) : 0;
        return new ForecastParameters(disease, models, ensembleSize, priorState, observations, therapy, horizon, outputDays, step, reference, error, threads, paired);
    }

    private static IReadOnlyList<IGrowthModel> ParseModels(JsonElement p)
    {
        if (!JsonFields.TryGet(p, "models", out _))
        {
            return GrowthModels.All;
        }

        var names = JsonFields.Array(p, "models", Root);
        if (names.Count == 0)
        {
            throw new StepInputException($"{Root}.models", "must name at least one model (omit it for all)");
        }

        var models = new List<IGrowthModel>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = JsonFields.Text(names[i], $"{Root}.models[{i}]");
            try
            {
                var model = GrowthModels.Get(name);
                if (models.Any(m => m.Name == model.Name))
                {
                    throw new StepInputException($"{Root}.models[{i}]", $"'{name}' is listed twice");
                }

                models.Add(model);
            }
            catch (KeyNotFoundException)
            {
                throw new StepInputException($"{Root}.models[{i}]", $"unknown growth model '{name}'; expected one of: {string.Join(", ", GrowthModels.All.Select(m => m.Name))}");
            }
        }

        return models;
    }

    private static VolumeObservation[] ParseObservations(JsonElement p)
    {
        var items = JsonFields.Array(JsonFields.Required(p, "observations", Root).ValueKind == JsonValueKind.Array ? p : throw new StepInputException($"{Root}.observations", "must be an array"), "observations", Root);
        if (items.Count == 0)
        {
            throw new StepInputException($"{Root}.observations", "needs at least one observation");
        }

        var list = new List<VolumeObservation>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{Root}.observations[{i}]";
            var id = JsonFields.Text(JsonFields.Required(items[i], "id", path), $"{path}.id");
            if (!ids.Add(id))
            {
                throw new StepInputException($"{path}.id", $"duplicate observation id '{id}'");
            }

            var day = JsonFields.Number(JsonFields.Required(items[i], "day", path), $"{path}.day", 0, 36_500);
            var volume = JsonFields.Number(JsonFields.Required(items[i], "volumeMl", path), $"{path}.volumeMl", 1e-6, 1e5);
            if (volume <= 0)
            {
                throw new StepInputException($"{path}.volumeMl", "must be positive");
            }

            list.Add(new VolumeObservation(id, day, volume));
        }

        // Assimilation order: by day, then id (ordinal), so the order does not depend on the caller's.
        return list.OrderBy(o => o.Day).ThenBy(o => o.Id, StringComparer.Ordinal).ToArray();
    }

    private static TherapyPlan ParseTherapy(JsonElement p)
    {
        if (!JsonFields.TryGet(p, "therapy", out var t))
        {
            return TherapyPlan.None;
        }

        var path = $"{Root}.therapy";
        if (t.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException(path, "must be an object");
        }

        var rt = JsonFields.Array(t, "radiotherapy", path).Select((e, i) =>
        {
            var f = $"{path}.radiotherapy[{i}]";
            return new RadiotherapyCourse(
                JsonFields.Number(JsonFields.Required(e, "startDay", f), $"{f}.startDay", -36_500, 36_500),
                JsonFields.Number(JsonFields.Required(e, "dosePerFractionGy", f), $"{f}.dosePerFractionGy", 0.01, 30),
                JsonFields.Integer(JsonFields.Required(e, "fractions", f), $"{f}.fractions", 1, 100),
                JsonFields.TryGet(e, "fractionsPerWeek", out var fpw) ? JsonFields.Integer(fpw, $"{f}.fractionsPerWeek", 1, 7) : 5,
                JsonFields.TryGet(e, "startWeekday", out var wd) ? JsonFields.Integer(wd, $"{f}.startWeekday", 0, 6) : 0);
        }).ToArray();
        var chemo = JsonFields.Array(t, "chemotherapy", path).Select((e, i) =>
        {
            var f = $"{path}.chemotherapy[{i}]";
            return new ChemotherapyCourse(
                JsonFields.Text(JsonFields.Required(e, "regimen", f), $"{f}.regimen"),
                JsonFields.Number(JsonFields.Required(e, "startDay", f), $"{f}.startDay", -36_500, 36_500),
                JsonFields.Integer(JsonFields.Required(e, "cycles", f), $"{f}.cycles", 1, 100),
                JsonFields.Number(JsonFields.Required(e, "cycleIntervalDays", f), $"{f}.cycleIntervalDays", 0, 365));
        }).ToArray();
        var surgeries = JsonFields.Array(t, "surgeries", path).Select((e, i) =>
        {
            var f = $"{path}.surgeries[{i}]";
            return new SurgeryEvent(
                JsonFields.Number(JsonFields.Required(e, "day", f), $"{f}.day", -36_500, 36_500),
                JsonFields.Number(JsonFields.Required(e, "resectedFraction", f), $"{f}.resectedFraction", 0, 0.999999));
        }).ToArray();
        var plan = new TherapyPlan(rt, chemo, surgeries);
        for (var i = 0; i < chemo.Length; i++)
        {
            try
            {
                _ = CompiledTherapy.From(new TherapyPlan([], [chemo[i]], []));
            }
            catch (ArgumentException e)
            {
                throw new StepInputException($"{path}.chemotherapy[{i}].regimen", e.Message);
            }
        }

        return plan;
    }
}
