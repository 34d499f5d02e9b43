using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Calibration;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Forecasting;

/// <summary>
/// The "forecast" step: sequential Bayesian calibration of every candidate growth law on the twin's
/// volume observations under its therapy plan, then the model-averaged posterior predictive forecast.
///
/// parameters: {
///   "disease": "neuroblastoma" | "dipg",
///   "models": ["gompertz", ...]              (default: all),
///   "ensembleSize": 512                      (particles per model),
///   "priorState": "base64" | null            (the previous result's posteriorState),
///   "observations": [{"id", "day", "volumeMl"}],
///   "therapy": {"radiotherapy": [{"startDay", "dosePerFractionGy", "fractions", "fractionsPerWeek", "startWeekday"}],
///               "chemotherapy": [{"regimen", "startDay", "cycles", "cycleIntervalDays"}],
///               "surgeries": [{"day", "resectedFraction"}]},
///   "horizonDays": 365                       (forecast to last observation day + horizon),
///   "outputDays": [...] | "outputStepDays": 7,
///   "referenceDays": 90                      (headline confidence at last observation day + this),
///   "errorModel": {"sigma": 0.15, "alpha": 1}, "maxThreads": 1,
///   "pairedDraws": 0                         (equally weighted draws to report, see below) }
/// Day 0 is the twin's first observation; the caller converts dates to days on that axis (therapy too).
///
/// Paired draws (what-if comparisons): with "pairedDraws": n the result also holds "pairedDraws",
/// n draws resampled systematically from the model-averaged posterior with the seed
/// (<see cref="PairedDraws"/>), their noise-free volumes on every output day, their nadir from the
/// later of the last observation and the plan's first treatment, and their LQ alpha. Forecasts of
/// the same posterior with the same seed under different plans report the same particles in the
/// same order, so draw i can be paired across plans. Arrays are float32 little-endian in base64;
/// "volumeMl" is day-major (value d * n + i is draw i on days[d]).
///
/// Sequential update: the state records the observations it has absorbed (id, day, volume) and a
/// fingerprint of everything else it depends on (disease, models, ensemble size, priors, error model,
/// and the therapy courses starting on or before its last absorbed day). When that fingerprint matches and the absorbed observations are exactly the first
/// ones of the sorted input, only the remaining observations are assimilated; otherwise (an earlier
/// observation changed or was inserted, therapy before the last absorbed day changed, other settings) the run starts over
/// from the priors and says why in "calibration.restartReason".
/// </summary>
public sealed class ForecastStepTask : IStepTask
{
    /// <summary>Version of the calibration method and state format, part of the fingerprint.</summary>
    public const string CalibrationVersion = "smc-1";

    /// <inheritdoc />
    public string Name => "forecast";

    /// <inheritdoc />
    public JsonNode Execute(JsonElement parameters, long seed, CancellationToken cancellationToken)
    {
        var p = ForecastParameters.Parse(parameters);
        var candidates = p.Models.Select(g =>
        {
            var model = new GrowthTrajectoryModel(g, p.Therapy);
            return new CandidateModel(model, DiseasePriors.For(p.Disease, model.Name, model.Parameters));
        }).ToArray();
        string FingerprintOf(IReadOnlyList<VolumeObservation> absorbed)
            => Fingerprint(p, candidates, absorbed.Count > 0 ? absorbed[^1].Day : double.NegativeInfinity);
        var settings = new SmcSettings(ParticleCount: p.EnsembleSize);

        var (posterior, pending, restartReason) = Restore(p, candidates, FingerprintOf);
        posterior ??= EnsemblePosterior.FromPriors(candidates, p.ErrorModel, FingerprintOf([]), p.EnsembleSize, seed);
        posterior.Assimilate(pending, seed, settings, p.MaxThreads, cancellationToken);
        posterior.Fingerprint = FingerprintOf(posterior.Absorbed);
        cancellationToken.ThrowIfCancellationRequested();

        var lastDay = p.Observations[^1].Day;
        var endDay = lastDay + p.HorizonDays;
        var outputDays = p.OutputDays ?? StepDays(endDay, p.OutputStepDays);
        var referenceDay = Math.Min(lastDay + p.ReferenceDays, endDay);
        var nadirFrom = Math.Max(lastDay, Scenarios.ScenarioForecaster.FirstTreatmentDay(p.Therapy) ?? lastDay);
        var request = new ForecastRequest(outputDays, endDay, referenceDay, PairedDraws: p.PairedDraws, NadirFromDay: nadirFrom);
        var forecast = Forecaster.Forecast(posterior, request, seed);
        var state = PosteriorStateCodec.Encode(posterior);
        return Result(p, posterior, forecast, state, pending, restartReason);
    }

    private static (EnsemblePosterior? Posterior, IReadOnlyList<VolumeObservation> Pending, string? RestartReason) Restore(
        ForecastParameters p, CandidateModel[] candidates, Func<IReadOnlyList<VolumeObservation>, string> fingerprintOf)
    {
        if (p.PriorState is null)
        {
            return (null, p.Observations, null);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(p.PriorState);
        }
        catch (FormatException)
        {
            throw new StepInputException("parameters.priorState", "must be base64 (the posteriorState of an earlier result)");
        }

        var restored = PosteriorStateCodec.TryDecode(bytes, candidates, fingerprintOf);
        if (restored is null)
        {
            return (null, p.Observations, "the stored state was made with other settings (disease, models, ensemble size, priors, error model) or the therapy up to its last observation changed");
        }

        var absorbed = restored.Absorbed;
        if (absorbed.Count > p.Observations.Count)
        {
            return (null, p.Observations, "the stored state absorbed observations that are no longer present");
        }

        for (var i = 0; i < absorbed.Count; i++)
        {
            var o = p.Observations[i];
            if (absorbed[i].Id != o.Id || absorbed[i].Day != o.Day || absorbed[i].Volume != o.Volume)
            {
                return (null, p.Observations, $"observation '{absorbed[i].Id}' changed or an earlier one was inserted");
            }
        }

        return (restored, p.Observations.Skip(absorbed.Count).ToArray(), null);
    }

    private static double[] StepDays(double endDay, double step)
    {
        var days = new List<double>();
        for (var k = 0; k * step < endDay; k++)
        {
            days.Add(k * step);
        }

        days.Add(endDay);
        return days.ToArray();
    }

    private static string Fingerprint(ForecastParameters p, CandidateModel[] candidates, double lastAbsorbedDay)
    {
        // Everything except the observations that the stored posterior depends on: the settings, and
        // the therapy courses that start on or before the last absorbed observation (later ones cannot
        // have affected the absorbed data; the models always carry the therapy parameters).
        var text = new StringBuilder();
        text.Append(CalibrationVersion).Append('|').Append(p.Disease).Append('|').Append(p.EnsembleSize).Append('|');
        text.Append(R(p.ErrorModel.Sigma)).Append(',').Append(R(p.ErrorModel.Alpha)).Append('|');
        foreach (var c in candidates)
        {
            text.Append(c.Model.Name).Append(':').AppendJoin(',', c.Model.Parameters.Select(x => $"{x.Name}[{R(x.Lower)},{R(x.Upper)}]"));
            text.Append(';').AppendJoin(',', c.Prior.LogMean.Select(R)).Append(';').AppendJoin(',', c.Prior.Cholesky.Select(R)).Append('|');
        }

        foreach (var r in p.Therapy.Radiotherapy.Where(r => r.StartDay <= lastAbsorbedDay).OrderBy(r => r.StartDay))
        {
            text.Append("rt:").Append(R(r.StartDay)).Append(',').Append(R(r.DosePerFractionGy)).Append(',').Append(r.Fractions).Append(',').Append(r.FractionsPerWeek).Append(',').Append(r.StartWeekday).Append('|');
        }

        foreach (var c in p.Therapy.Chemotherapy.Where(c => c.StartDay <= lastAbsorbedDay).OrderBy(c => c.StartDay))
        {
            text.Append("ct:").Append(c.Regimen).Append(',').Append(R(c.StartDay)).Append(',').Append(c.Cycles).Append(',').Append(R(c.CycleIntervalDays)).Append('|');
        }

        foreach (var s in p.Therapy.Surgeries.Where(s => s.Day <= lastAbsorbedDay).OrderBy(s => s.Day))
        {
            text.Append("sx:").Append(R(s.Day)).Append(',').Append(R(s.ResectedFraction)).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));

        static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }

    private static JsonObject Result(ForecastParameters p, EnsemblePosterior posterior, ForecastResult f, byte[] state, IReadOnlyList<VolumeObservation> assimilated, string? restartReason)
    {
        var probabilities = posterior.ModelProbabilities();
        var modelProbabilities = new JsonObject();
        var ess = new JsonObject();
        var logEvidence = new JsonObject();
        for (var m = 0; m < posterior.Models.Count; m++)
        {
            var name = posterior.Models[m].Model.Name;
            modelProbabilities[name] = probabilities[m];
            ess[name] = posterior.Models[m].EffectiveSampleSize;
            logEvidence[name] = double.IsFinite(posterior.Models[m].LogEvidence) ? posterior.Models[m].LogEvidence : null;
        }

        var trajectory = new JsonArray();
        var byDay = new JsonArray();
        for (var i = 0; i < f.Days.Count; i++)
        {
            trajectory.Add(new JsonObject
            {
                ["day"] = f.Days[i],
                ["q05"] = f.Q05[i],
                ["q25"] = f.Q25[i],
                ["q50"] = f.Q50[i],
                ["q75"] = f.Q75[i],
                ["q95"] = f.Q95[i],
                ["confidence"] = f.Confidence[i],
            });
            byDay.Add(new JsonObject
            {
                ["day"] = f.Days[i],
                ["probabilityOfResponse"] = f.ProbabilityOfResponseBy[i],
                ["probabilityOfProgression"] = f.ProbabilityOfProgressionBy[i],
            });
        }

        var ttp = new JsonObject();
        for (var l = 0; l < ForecastResult.Levels.Count; l++)
        {
            ttp[$"q{(int)Math.Round(ForecastResult.Levels[l] * 100):00}"] = f.TimeToProgressionQuantiles[l];
        }

        ttp["probabilityOfNoProgressionWithinHorizon"] = f.ProbabilityNoProgressionWithinHorizon;
        var endDay = f.Days[^1];
        var result = new JsonObject
        {
            ["posteriorState"] = Convert.ToBase64String(state),
            ["modelVersion"] = $"{CalibrationVersion}:{string.Join(',', posterior.Models.Select(m => m.Model.Name))}",
            ["modelProbabilities"] = modelProbabilities,
            ["trajectory"] = trajectory,
            ["endpoints"] = new JsonObject
            {
                ["baselineDay"] = 0.0,
                ["horizonDay"] = endDay,
                ["responseDefinition"] = "volume at or below 35% of the baseline (day 0) volume, i.e. at least 65% reduction, at any day up to the given day",
                ["progressionDefinition"] = "volume at least 73% above the lowest volume reached so far (the nadir, baseline included), at any day up to the given day",
                ["byDay"] = byDay,
                ["probabilityOfResponseByHorizon"] = f.ProbabilityOfResponseBy[^1],
                ["probabilityOfProgressionByHorizon"] = f.ProbabilityOfProgressionBy[^1],
                ["timeToProgressionDays"] = ttp,
            },
            ["confidence"] = new JsonObject
            {
                ["score"] = f.ConfidenceScore,
                ["referenceDay"] = f.ReferenceDay,
                ["expectedRelativeError"] = f.ConfidenceScore > 0 ? (1 / f.ConfidenceScore) - 1 : null,
                ["meaning"] = "score = 1 / (1 + E), E = (q75 - q25) / (2 q50) of the predicted measured volume at referenceDay: "
                    + "E is the median relative error the forecast expects of itself (0.9 ~ 11%, 0.8 ~ 25%, 0.5 ~ 100%); "
                    + "validated against realised error in docs/validation. Each trajectory point carries the score for its own day.",
            },
            ["calibration"] = new JsonObject
            {
                ["absorbedObservationIds"] = new JsonArray(posterior.Absorbed.Select(o => (JsonNode)o.Id).ToArray()),
                ["assimilatedObservationIds"] = new JsonArray(assimilated.Select(o => (JsonNode)o.Id).ToArray()),
                ["restarted"] = restartReason is not null || p.PriorState is null,
                ["restartReason"] = restartReason ?? (p.PriorState is null ? "no prior state" : null),
                ["stateBytes"] = state.Length,
            },
            ["diagnostics"] = new JsonObject
            {
                ["ensembleSize"] = p.EnsembleSize,
                ["ess"] = ess,
                ["logEvidence"] = logEvidence,
                ["errorModel"] = new JsonObject { ["sigma"] = posterior.ErrorModel.Sigma, ["alpha"] = posterior.ErrorModel.Alpha },
                ["calibrationVersion"] = CalibrationVersion,
                ["temperingSteps"] = posterior.Models.Sum(m => m.LastTemperingSteps),
                ["disease"] = p.Disease,
            },
        };
        if (f.Paired is { } paired)
        {
            result["pairedDraws"] = PairedDrawsNode(p, paired);
        }

        return result;
    }

    private static JsonObject PairedDrawsNode(ForecastParameters p, PairedDraws d)
    {
        var n = d.Count;
        var volumes = new float[d.Days.Count * n];
        for (var day = 0; day < d.Days.Count; day++)
        {
            for (var i = 0; i < n; i++)
            {
                volumes[(day * n) + i] = (float)d.Volumes[day][i];
            }
        }

        // The models' fixed alpha/beta (it is not identifiable from volumes).
        var alphaOverBeta = GrowthTrajectoryModel.DefaultAlphaOverBetaGy;
        return new JsonObject
        {
            ["count"] = n,
            ["encoding"] = "float32-le-base64",
            ["days"] = new JsonArray([.. d.Days.Select(x => (JsonNode)x)]),
            ["volumeMl"] = Floats(volumes),
            ["nadirFromDay"] = d.NadirFromDay,
            ["nadirVolumeMl"] = Floats(d.NadirVolumes.Select(x => (float)x).ToArray()),
            ["nadirDay"] = Floats(d.NadirDays.Select(x => (float)x).ToArray()),
            ["alphaRtPerGy"] = Floats(d.Radiosensitivity.Select(x => (float)x).ToArray()),
            ["alphaOverBetaGy"] = alphaOverBeta,
            ["bedGy"] = p.Therapy.Radiotherapy.Count == 0 ? null : Scenarios.ScenarioForecaster.BiologicallyEffectiveDose(p.Therapy, alphaOverBeta),
        };

        static string Floats(float[] values)
        {
            var bytes = new byte[values.Length * sizeof(float)];
            for (var i = 0; i < values.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
            }

            return Convert.ToBase64String(bytes);
        }
    }
}
