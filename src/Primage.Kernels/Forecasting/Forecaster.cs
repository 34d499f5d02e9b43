using Primage.Kernels.Calibration;

namespace Primage.Kernels.Forecasting;

/// <summary>
/// Posterior predictive forecasts from an <see cref="EnsemblePosterior"/>: the mixture over models
/// (weights P(m | y)) of each model's weighted particles, each particle's course simulated once on
/// the union of a daily grid (for endpoints) and the output days.
/// </summary>
public static class Forecaster
{
    /// <summary>
    /// Forecasts from the model average, or from model <paramref name="onlyModel"/> alone.
    /// Deterministic for a given <paramref name="seed"/> (the measurement-noise draws).
    /// </summary>
    public static ForecastResult Forecast(EnsemblePosterior posterior, ForecastRequest request, long seed, int? onlyModel = null)
    {
        var outputDays = request.OutputDays.ToArray();
        var endDay = Math.Max(request.EndDay, outputDays.Length > 0 ? outputDays[^1] : 0);
        var grid = new SortedSet<double>(outputDays) { request.ReferenceDay };
        for (var t = 0; t <= (int)Math.Floor(endDay); t++)
        {
            grid.Add(t);
        }

        var days = grid.ToArray();
        var dailyIndex = new int[(int)Math.Floor(endDay) + 1];
        for (var t = 0; t < dailyIndex.Length; t++)
        {
            dailyIndex[t] = Array.BinarySearch(days, (double)t);
        }

        var modelWeights = posterior.ModelProbabilities();
        if (onlyModel is int only)
        {
            modelWeights = modelWeights.Select((_, m) => m == only ? 1.0 : 0.0).ToArray();
        }

        // Flatten (model, particle) pairs with mixture weight P(m) W_i.
        var courses = new List<double[]>();
        var weights = new List<double>();
        var alphas = new List<double>();
        for (var m = 0; m < posterior.Models.Count; m++)
        {
            if (modelWeights[m] <= 1e-12)
            {
                continue;
            }

            var mp = posterior.Models[m];
            var w = mp.NormalisedWeights();
            var theta = new double[mp.Dimension];
            var alphaIndex = mp.Model is GrowthTrajectoryModel growth ? growth.AlphaIndex : -1;
            for (var i = 0; i < mp.Count; i++)
            {
                if (w[i] * modelWeights[m] <= 1e-15)
                {
                    continue;
                }

                var course = new double[days.Length];
                SequentialMonteCarlo.ToNatural(mp.Particle(i), theta);
                mp.Model.Predict(theta, days, course);
                courses.Add(course);
                weights.Add(w[i] * modelWeights[m]);
                alphas.Add(alphaIndex >= 0 ? theta[alphaIndex] : double.NaN);
            }
        }

        var total = weights.Sum();
        var pw = weights.Select(x => x / total).ToArray();
        var error = posterior.ErrorModel;
        var random = new CalibrationRandom(seed, CalibrationRandom.StreamOf("forecast-noise"));
        var draws = Math.Max(1, request.NoiseDraws);
        var sampleCount = courses.Count * draws;
        var values = new double[sampleCount];
        var sampleWeights = new double[sampleCount];
        for (var s = 0; s < sampleCount; s++)
        {
            sampleWeights[s] = pw[s / draws];
        }

        var order = new int[sampleCount];
        var levels = ForecastResult.Levels;
        var q = levels.Select(_ => new double[outputDays.Length + 1]).ToArray();
        var reportDays = outputDays.Append(request.ReferenceDay).ToArray();
        for (var r = 0; r < reportDays.Length; r++)
        {
            var col = Array.BinarySearch(days, reportDays[r]);
            for (var s = 0; s < sampleCount; s++)
            {
                var v = courses[s / draws][col];
                var y = v > 0 && double.IsFinite(v) ? v + error.StandardDeviation(v) * random.NextGaussian() : 0.0;
                values[s] = Math.Max(y, 0.0);
                order[s] = s;
            }

            Array.Sort(values, order);
            for (var l = 0; l < levels.Count; l++)
            {
                q[l][r] = WeightedQuantile.OfSorted(values, order, sampleWeights, levels[l]);
            }
        }

        var last = outputDays.Length;
        var confidence = new double[outputDays.Length];
        for (var r = 0; r < outputDays.Length; r++)
        {
            confidence[r] = ForecastResult.ConfidenceOf(q[1][r], q[2][r], q[3][r]);
        }

        // Endpoints on each particle's noise-free daily course.
        var daily = new double[dailyIndex.Length];
        var responseDay = new double[courses.Count];
        var progressionDay = new double[courses.Count];
        for (var c = 0; c < courses.Count; c++)
        {
            for (var t = 0; t < daily.Length; t++)
            {
                daily[t] = courses[c][dailyIndex[t]];
            }

            var resp = EndpointDefinitions.FirstResponse(daily);
            var prog = EndpointDefinitions.FirstProgression(daily);
            responseDay[c] = resp < 0 ? double.PositiveInfinity : resp;
            progressionDay[c] = prog < 0 ? double.PositiveInfinity : prog;
        }

        var pResponse = new double[outputDays.Length];
        var pProgression = new double[outputDays.Length];
        for (var r = 0; r < outputDays.Length; r++)
        {
            for (var c = 0; c < courses.Count; c++)
            {
                pResponse[r] += responseDay[c] <= outputDays[r] ? pw[c] : 0.0;
                pProgression[r] += progressionDay[c] <= outputDays[r] ? pw[c] : 0.0;
            }
        }

        var pNone = 0.0;
        for (var c = 0; c < courses.Count; c++)
        {
            pNone += double.IsPositiveInfinity(progressionDay[c]) ? pw[c] : 0.0;
        }

        var ttp = levels.Select(p =>
        {
            var value = WeightedQuantile.Of(progressionDay, pw, p);
            return double.IsFinite(value) ? (double?)value : null;
        }).ToArray();

        var paired = request.PairedDraws > 0
            ? Paired(courses, pw, alphas, days, outputDays, dailyIndex, request, seed)
            : null;
        return new ForecastResult(
            outputDays,
            q[0][..last],
            q[1][..last],
            q[2][..last],
            q[3][..last],
            q[4][..last],
            confidence,
            pResponse,
            pProgression,
            ttp,
            pNone,
            ForecastResult.ConfidenceOf(q[1][last], q[2][last], q[3][last]),
            request.ReferenceDay)
        {
            Paired = paired,
        };
    }

    /// <summary>
    /// Systematic resampling of the mixture (course c has weight pw[c]) into n equally weighted
    /// draws, u_k = (k + U) / n with one seeded U, then each draw's noise-free volumes on the output
    /// days and its nadir on the daily grid from the nadir window's first day to the end.
    /// </summary>
    private static PairedDraws Paired(
        List<double[]> courses,
        double[] pw,
        List<double> alphas,
        double[] days,
        double[] outputDays,
        int[] dailyIndex,
        ForecastRequest request,
        long seed)
    {
        var n = request.PairedDraws;
        var offset = new CalibrationRandom(seed, CalibrationRandom.StreamOf(PairedDraws.Stream)).NextDouble();
        var picks = new int[n];
        var c = 0;
        var cumulative = pw[0];
        for (var k = 0; k < n; k++)
        {
            var u = (k + offset) / n;
            while (u > cumulative && c < courses.Count - 1)
            {
                c++;
                cumulative += pw[c];
            }

            picks[k] = c;
        }

        var volumes = new double[outputDays.Length][];
        for (var d = 0; d < outputDays.Length; d++)
        {
            var col = Array.BinarySearch(days, outputDays[d]);
            volumes[d] = new double[n];
            for (var k = 0; k < n; k++)
            {
                volumes[d][k] = courses[picks[k]][col];
            }
        }

        var last = dailyIndex.Length - 1;
        var from = Math.Clamp((int)Math.Ceiling(request.NadirFromDay), 0, last);
        var nadir = new double[n];
        var nadirDay = new double[n];
        var alpha = new double[n];
        for (var k = 0; k < n; k++)
        {
            var course = courses[picks[k]];
            var best = from;
            for (var t = from + 1; t <= last; t++)
            {
                if (course[dailyIndex[t]] < course[dailyIndex[best]])
                {
                    best = t;
                }
            }

            nadir[k] = course[dailyIndex[best]];
            nadirDay[k] = best;
            alpha[k] = alphas[picks[k]];
        }

        return new PairedDraws(outputDays, volumes, from, nadir, nadirDay, alpha);
    }
}
