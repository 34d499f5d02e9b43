using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Calibration;
using Primage.Kernels.Forecasting;

namespace Primage.Validation;

/// <summary>
/// Measures, on one core, what the twin pays per follow-up: restoring the stored state, absorbing
/// one more observation and storing the state again, for the 2nd and the 10th observation of a real
/// series; and a full recalibration from the priors with ten observations plus a one-year forecast.
/// Medians of several repetitions with different seeds. Times are CPU time of the process (the work
/// is single-threaded), so a machine shared with other jobs does not inflate them as wall-clock would.
/// </summary>
internal static class SequentialCost
{
    private const int Repetitions = 7;

    // Stored states per timed update: one timing spans enough work for the CPU clock's resolution.
    private const int StatesPerTiming = 10;

    public static (string Text, double EngineRatio, double StepRatio) Measure(CohortValidation validation, IReadOnlyList<CohortSubject> subjects, int particles, long seed)
    {
        var s = Enumerable.Range(0, subjects.Count).MaxBy(i => subjects[i].Days.Length);
        var subject = subjects[s];
        if (subject.Days.Length < 10)
        {
            return ("Not measured: no subject has ten observations.", double.NaN, double.NaN);
        }

        var observations = CohortValidation.Observations(subject, 10);
        var candidates = validation.CandidatesFor(s);
        var error = validation.ErrorModelExcluding(s);
        var settings = new SmcSettings(ParticleCount: particles);

        // Metropolis sweeps per model and update, summed over the timed updates, per index.
        var sweeps = new Dictionary<int, double[]>();

        double AddOne(int index, long runSeed)
        {
            // States holding the first index observations, as the twin would have stored them (several
            // seeds, so one timing spans enough work for the CPU clock's resolution).
            var stored = Enumerable.Range(0, StatesPerTiming).Select(i =>
            {
                var posterior = EnsemblePosterior.FromPriors(candidates, error, "cost", particles, (runSeed * 100) + i);
                posterior.Assimilate(observations[..index], (runSeed * 100) + i, settings);
                return PosteriorStateCodec.Encode(posterior);
            }).ToArray();
            var restoredStates = new EnsemblePosterior[StatesPerTiming];
            var watch = CpuWatch.StartNew();
            for (var i = 0; i < StatesPerTiming; i++)
            {
                var restored = PosteriorStateCodec.TryDecode(stored[i], candidates, "cost")!;
                restored.Assimilate([observations[index]], runSeed + i + 1, settings);
                _ = PosteriorStateCodec.Encode(restored);
                restoredStates[i] = restored;
            }

            var elapsed = watch.Elapsed.TotalMilliseconds / StatesPerTiming;
            var counts = sweeps.TryGetValue(index, out var c) ? c : sweeps[index] = new double[candidates.Length];
            foreach (var restored in restoredStates)
            {
                for (var m = 0; m < counts.Length; m++)
                {
                    counts[m] += restored.Models[m].LastMoveSweeps;
                }
            }

            return elapsed;
        }

        // The whole "forecast" step the twin runs per follow-up (restore, assimilate, one-year forecast,
        // store), with the neuroblastoma priors and all therapy parameters, on the same ten volumes scaled
        // by 100 to clinical size (0.05-2 mL mouse tumours become 5-200 mL).
        double Step(int count, string? state, long runSeed, out string newState)
        {
            var parameters = new JsonObject
            {
                ["disease"] = "neuroblastoma",
                ["ensembleSize"] = particles,
                ["priorState"] = state,
                ["observations"] = new JsonArray(observations[..count].Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["day"] = o.Day, ["volumeMl"] = o.Volume * 100 }).ToArray()),
            };
            using var doc = JsonDocument.Parse(parameters.ToJsonString());
            var watch = CpuWatch.StartNew();
            var result = new ForecastStepTask().Execute(doc.RootElement, runSeed, CancellationToken.None);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            newState = result["posteriorState"]!.GetValue<string>();
            return elapsed;
        }

        var stepSecond = new List<double>();
        var stepTenth = new List<double>();
        var stepFull = new List<double>();
        for (var r = 0; r < Repetitions; r++)
        {
            Step(1, null, seed + r, out var afterOne);
            stepSecond.Add(Step(2, afterOne, seed + r, out _));
            Step(9, null, seed + r, out var afterNine);
            stepTenth.Add(Step(10, afterNine, seed + r, out _));
            stepFull.Add(Step(10, null, seed + r, out _));
        }

        var second = new List<double>();
        var tenth = new List<double>();
        var full = new List<double>();
        var forecastOnly = new List<double>();
        var stateBytes = 0;
        for (var r = 0; r < Repetitions; r++)
        {
            second.Add(AddOne(1, seed + r));
            tenth.Add(AddOne(9, seed + r));

            var watch = CpuWatch.StartNew();
            var posterior = EnsemblePosterior.FromPriors(candidates, error, "cost", particles, seed + r);
            posterior.Assimilate(observations, seed + r, settings);
            var calibrated = watch.Elapsed.TotalMilliseconds;
            var days = Enumerable.Range(0, 54).Select(w => 7.0 * w).Where(d => d <= observations[^1].Day + 365).Append(observations[^1].Day + 365).Distinct().ToArray();
            _ = Forecaster.Forecast(posterior, new ForecastRequest(days, observations[^1].Day + 365, observations[^1].Day + 90), seed + r);
            var bytes = PosteriorStateCodec.Encode(posterior);
            stateBytes = bytes.Length;
            full.Add(watch.Elapsed.TotalMilliseconds);
            forecastOnly.Add(watch.Elapsed.TotalMilliseconds - calibrated);
        }

        string Sweeps(int index)
            => string.Join(", ", sweeps[index].Select(x => (x / (Repetitions * (double)StatesPerTiming)).ToString("F1", CultureInfo.InvariantCulture)));

        var m2 = Median(second);
        var m10 = Median(tenth);
        var inv = CultureInfo.InvariantCulture;
        var text = string.Join(
            Environment.NewLine,
            $"Subject {subject.Id} (the longest series), {particles} particles per model, {candidates.Length} models, single thread, CPU time, median of {Repetitions} runs (each update timed as the mean over {StatesPerTiming} stored states):",
            string.Empty,
            "| measure | time |",
            "|---|---|",
            $"| add the 2nd observation (restore state, assimilate, store) | {m2.ToString("F1", inv)} ms |",
            $"| add the 10th observation (same) | {m10.ToString("F1", inv)} ms |",
            $"| ratio 10th / 2nd (goal at most about 1.5) | {(m10 / m2).ToString("F2", inv)} |",
            $"| Metropolis sweeps per update at the 2nd observation, per model ({string.Join(", ", candidates.Select(x => x.Model.Name))}) | {Sweeps(1)} |",
            $"| the same at the 10th observation (each sweep there evaluates ten observations per particle, at the 2nd two) | {Sweeps(9)} |",
            $"| recalibrate from the priors with 10 observations and forecast one year | {Median(full).ToString("F0", inv)} ms (of which forecast {Median(forecastOnly).ToString("F0", inv)} ms) |",
            $"| stored state | {stateBytes} bytes ({(stateBytes + 2) / 3 * 4} in base64) |",
            string.Empty,
            "The whole `forecast` runner step per follow-up (restore the state, assimilate, forecast one year weekly with endpoints, store), neuroblastoma priors with the two therapy parameters, the same ten volumes scaled by 100 to clinical size, same thread:",
            string.Empty,
            "| measure | time |",
            "|---|---|",
            $"| step adding the 2nd observation | {Median(stepSecond).ToString("F0", inv)} ms |",
            $"| step adding the 10th observation | {Median(stepTenth).ToString("F0", inv)} ms |",
            $"| ratio 10th / 2nd | {(Median(stepTenth) / Median(stepSecond)).ToString("F2", inv)} |",
            $"| step recalibrating from the priors with 10 observations | {Median(stepFull).ToString("F0", inv)} ms |");
        return (text, m10 / m2, Median(stepTenth) / Median(stepSecond));
    }

    private static double Median(List<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[(v.Length / 2) - 1] + v[v.Length / 2]);
    }
}
