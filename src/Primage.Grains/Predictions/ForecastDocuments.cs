using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Grains.Twins;

namespace Primage.Grains.Predictions;

/// <summary>
/// Translates between a twin's timeline (calendar dates) and the kernel's "forecast" step
/// documents (days from the first observation). Pure, so the same twin always yields the same bytes.
/// </summary>
public static class ForecastDocuments
{
    public const string Task = "forecast";

    /// <summary>A reproducible seed per twin and calibration number (FNV-1a, 31 bits).</summary>
    public static long SeedFor(string twinId, int sequence)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{twinId}/{sequence}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (long)(hash & 0x7FFF_FFFF);
    }

    /// <summary>
    /// Builds the step input. The previous posterior is used as the prior only while it is still
    /// valid: same origin, every observation it absorbed still present unchanged, and no therapy
    /// added or changed that starts before the last absorbed observation (which would change the
    /// likelihood of data already absorbed). Otherwise the calibration starts over from the priors.
    /// <paramref name="pairedDraws"/> asks the kernel for that many paired draws (what-if scenarios);
    /// 0 asks for none and leaves the document as it always was.
    /// </summary>
    public static ForecastInput BuildInput(string stepId, long seed, TwinSnapshot twin, CalibrationStatus calibration, PredictionOptions options, int pairedDraws = 0)
    {
        var observations = twin.Observations;
        var origin = observations[0].TakenOn;
        var usesPrior = PriorStillValid(twin, calibration, origin);
        var lastDay = Day(origin, observations[^1].TakenOn);
        var endDay = lastDay + options.HorizonDays;
        var outputDays = new JsonArray();
        for (var day = 0; day < endDay; day += options.OutputStepDays)
        {
            outputDays.Add(day);
        }

        outputDays.Add(endDay);

        var parameters = new JsonObject
        {
            ["disease"] = TwinVocabulary.ToWire(twin.Profile.Diagnosis),
            ["observations"] = new JsonArray([.. observations.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.ObservationId,
                ["day"] = Day(origin, o.TakenOn),
                ["volumeMl"] = o.TumourVolumeMl,
            })]),
            ["therapy"] = Therapy(origin, twin.Therapies),
            ["horizonDays"] = options.HorizonDays,
            ["outputDays"] = outputDays,
            ["priorState"] = usesPrior ? calibration.PosteriorState : null,
        };
        if (options.Models is { Length: > 0 } models)
        {
            parameters["models"] = new JsonArray([.. models.Select(m => (JsonNode)JsonValue.Create(m)!)]);
        }

        if (options.EnsembleSize is { } size)
        {
            parameters["ensembleSize"] = size;
        }

        if (pairedDraws > 0)
        {
            parameters["pairedDraws"] = pairedDraws;
        }

        var document = new JsonObject
        {
            ["schema"] = "primage.step/1",
            ["stepId"] = stepId,
            ["task"] = Task,
            ["seed"] = seed,
            ["parameters"] = parameters,
        };
        return new ForecastInput(Encoding.UTF8.GetBytes(document.ToJsonString()), origin, usesPrior);
    }

    /// <summary>Reads the kernel's output, mapping days back to dates.</summary>
    public static ForecastOutcome ReadOutput(byte[] output, DateOnly origin)
    {
        var root = JsonNode.Parse(output)?.AsObject() ?? throw new FormatException("The forecast output is not a JSON object.");
        var result = root["result"]?.AsObject() ?? throw new FormatException("The forecast output has no result.");
        var trajectory = new List<TrajectoryPoint>();  // a concrete list: stored state must not hold compiler-made collection types
        foreach (var point in result["trajectory"]?.AsArray() ?? throw new FormatException("The forecast output has no trajectory."))
        {
            trajectory.Add(new TrajectoryPoint(
                DateOf(origin, point!["day"]!.GetValue<double>()),
                point["q05"]!.GetValue<double>(),
                point["q25"]!.GetValue<double>(),
                point["q50"]!.GetValue<double>(),
                point["q75"]!.GetValue<double>(),
                point["q95"]!.GetValue<double>()));
        }

        var endpoints = WithDates(result["endpoints"]?.DeepClone(), origin);
        var confidence = WithDates(result["confidence"]?.DeepClone(), origin);
        var models = result["modelProbabilities"]?.DeepClone() ?? result["models"]?.DeepClone();
        double? score = confidence?["score"] is JsonValue s && s.TryGetValue<double>(out var value) ? value : null;
        var posterior = result["posteriorState"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            var node => node.ToJsonString(),
        };
        var kernelVersion = root["kernelVersion"]?.GetValue<string>() ?? "unknown";
        double? kernelMs = root["timings"]?["executeMs"] is JsonValue ms && ms.TryGetValue<double>(out var t) ? t : null;
        var paired = result["pairedDraws"] is JsonObject draws ? ReadPairedDraws(draws, origin, posterior) : null;
        return new ForecastOutcome(
            trajectory,
            endpoints?.ToJsonString() ?? "{}",
            confidence?.ToJsonString() ?? "{}",
            models?.ToJsonString() ?? "{}",
            score,
            posterior,
            root["inputHash"]?.GetValue<string>() ?? "",
            kernelVersion,
            result["modelVersion"]?.GetValue<string>() ?? $"forecast@{kernelVersion}",
            kernelMs,
            Convert.ToHexStringLower(SHA256.HashData(output)))
        {
            PairedDraws = paired,
        };
    }

    /// <summary>Decodes the kernel's "pairedDraws" (float32 little-endian arrays in base64), mapping days to dates.</summary>
    private static PairedDraws ReadPairedDraws(JsonObject node, DateOnly origin, string? posterior)
    {
        if (node["encoding"]?.GetValue<string>() != "float32-le-base64")
        {
            throw new FormatException("The forecast's paired draws have an unknown encoding.");
        }

        var count = node["count"]!.GetValue<int>();
        var days = node["days"]!.AsArray().Select(d => d!.GetValue<double>()).ToArray();
        var volumes = Floats(node["volumeMl"]);
        var nadir = Floats(node["nadirVolumeMl"]);
        var nadirDays = Floats(node["nadirDay"]);
        var alpha = Floats(node["alphaRtPerGy"]);
        if (count <= 0 || volumes.Length != days.Length * count || nadir.Length != count || nadirDays.Length != count || alpha.Length != count)
        {
            throw new FormatException("The forecast's paired draws do not match their count.");
        }

        double? bed = node["bedGy"] is JsonValue b && b.TryGetValue<double>(out var value) ? value : null;
        return new PairedDraws(
            count,
            [.. days.Select(d => DateOf(origin, d))],
            volumes,
            DateOf(origin, node["nadirFromDay"]!.GetValue<double>()),
            nadir,
            [.. nadirDays.Select(d => DateOf(origin, d))],
            alpha,
            bed,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(posterior ?? ""))));

        static float[] Floats(JsonNode? field)
        {
            var bytes = Convert.FromBase64String(field?.GetValue<string>() ?? throw new FormatException("A paired-draws array is missing."));
            var values = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            return values;
        }
    }

    /// <summary>The posterior state carried by a forecast output document, if any.</summary>
    public static string? ReadPosterior(byte[] output) =>
        JsonNode.Parse(output)?["result"]?["posteriorState"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The output without its timings, for bit-for-bit comparison of replays.</summary>
    public static string WithoutTimings(byte[] output)
    {
        var root = JsonNode.Parse(output)!.AsObject();
        root.Remove("timings");
        return root.ToJsonString();
    }

    private static bool PriorStillValid(TwinSnapshot twin, CalibrationStatus calibration, DateOnly origin)
    {
        if (calibration.PosteriorState is null || calibration.PosteriorOrigin != origin || calibration.PosteriorObservationIds is not { } absorbed)
        {
            return false;
        }

        var byId = twin.Observations.ToDictionary(o => o.ObservationId);
        if (!absorbed.All(byId.ContainsKey))
        {
            return false;
        }

        var lastAbsorbed = absorbed.Max(id => byId[id].TakenOn);
        var known = calibration.PosteriorTherapyIds ?? [];
        return twin.Therapies.Where(t => !known.Contains(t.TherapyId)).All(t => t.Start > lastAbsorbed);
    }

    private static JsonObject Therapy(DateOnly origin, IReadOnlyList<TherapyRecord> therapies)
    {
        var radiotherapy = new JsonArray();
        var chemotherapy = new JsonArray();
        var surgeries = new JsonArray();
        foreach (var t in therapies)
        {
            switch (t.Kind)
            {
                case TherapyKind.Radiotherapy:
                    radiotherapy.Add(new JsonObject
                    {
                        ["startDay"] = Day(origin, t.Start),
                        ["dosePerFractionGy"] = t.DosePerFractionGy,
                        ["fractions"] = t.Fractions,
                        ["fractionsPerWeek"] = t.FractionsPerWeek,
                        ["startWeekday"] = ((int)t.Start.DayOfWeek + 6) % 7,
                    });
                    break;
                case TherapyKind.Chemotherapy:
                    chemotherapy.Add(new JsonObject
                    {
                        ["regimen"] = t.Regimen,
                        ["startDay"] = Day(origin, t.Start),
                        ["cycles"] = t.Cycles,
                        ["cycleIntervalDays"] = t.CycleIntervalDays,
                    });
                    break;
                case TherapyKind.Surgery:
                    surgeries.Add(new JsonObject
                    {
                        ["day"] = Day(origin, t.Start),
                        ["resectedFraction"] = t.ResectedFraction,
                    });
                    break;
            }
        }

        return new JsonObject { ["radiotherapy"] = radiotherapy, ["chemotherapy"] = chemotherapy, ["surgeries"] = surgeries };
    }

    /// <summary>Adds a "date" beside every numeric "day" (and "…Day") property, recursively.</summary>
    private static JsonNode? WithDates(JsonNode? node, DateOnly origin)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    WithDates(value, origin);
                    if (value is JsonValue v && v.TryGetValue<double>(out var day) && double.IsFinite(day)
                        && (key == "day" || key.EndsWith("Day", StringComparison.Ordinal)))
                    {
                        var dateKey = key == "day" ? "date" : key[..^3] + "Date";
                        if (!obj.ContainsKey(dateKey))
                        {
                            obj[dateKey] = DateOf(origin, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithDates(item, origin);
                }

                break;
        }

        return node;
    }

    private static int Day(DateOnly origin, DateOnly date) => date.DayNumber - origin.DayNumber;

    private static DateOnly DateOf(DateOnly origin, double day) => origin.AddDays((int)Math.Round(day));
}
