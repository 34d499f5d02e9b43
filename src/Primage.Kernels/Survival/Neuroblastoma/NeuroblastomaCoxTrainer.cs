using Primage.Kernels.Survival.Cox;

namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>
/// Trains the ridge Cox model for EFS and OS on a training cohort: design and penalty by repeated cross-validation,
/// point fit, Breslow baselines and bootstrap replicates, all seeded and all on the training split only.
/// </summary>
/// <remarks>
/// Cross-validation: <see cref="TrainingOptions.Repeats"/> repeats of K-fold cross-validation, folds stratified by
/// event status, repeat r seeded with Seed + r; every design and penalty sees the same folds. Per repeat and penalty:
/// the Verweij-van Houwelingen cross-validated partial likelihood
/// CVPL(lambda) = sum_k [ l(beta_-k) - l_-k(beta_-k) ], beta_-k fitted without fold k, l on all training data and
/// l_-k on the data without fold k; and the out-of-fold linear predictor x_i'beta_-k(i) of every patient, from which
/// the cross-validated calibration slope (Cox refit on the out-of-fold linear predictor) and Harrell's C follow.
/// Each is averaged over the repeats.
/// Penalty per design and end point: the lambda whose cross-validated calibration slope is closest to 1 (larger
/// lambda on ties). Design: the candidate with the highest CVPL at its chosen penalties, summed over EFS and OS
/// (the earlier, simpler candidate on ties).
/// Intervals: B bootstrap resamples (with replacement, same size) of the training split, each refitted at the
/// chosen lambda with its own Breslow baseline; a patient's interval is the 2.5 and 97.5 percentiles of S(t|x).
/// Times are converted from days to years with 365.25 days a year.
/// </remarks>
public static class NeuroblastomaCoxTrainer
{
    /// <summary>Days per year.</summary>
    public const double DaysPerYear = 365.25;

    private static readonly string[] _endpoints = ["EFS", "OS"];

    /// <summary>Trains on <paramref name="training"/> only.</summary>
    public static TrainingResult Train(IReadOnlyList<NeuroblastomaRecord> training, TrainingOptions options, string name, string version, string trainingData)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Designs.Count == 0)
        {
            throw new ArgumentException("At least one candidate design is needed.", nameof(options));
        }

        var evaluations = new List<DesignEvaluation>();
        foreach (var design in options.Designs)
        {
            var x = Standardise(training, design.Columns).X;
            var cvCurves = new Dictionary<string, IReadOnlyList<CrossValidationPoint>>();
            var lambdas = new Dictionary<string, double>();
            var score = 0.0;
            foreach (var endpoint in _endpoints)
            {
                var (times, events) = Outcome(training, endpoint);
                var cv = CrossValidate(x, times, events, options);
                var chosen = cv.OrderBy(c => Math.Abs(c.CalibrationSlope - 1)).ThenByDescending(c => c.Lambda).First();
                cvCurves[endpoint] = cv;
                lambdas[endpoint] = chosen.Lambda;
                score += chosen.CrossValidatedLogLikelihood;
            }

            evaluations.Add(new DesignEvaluation(design, cvCurves, lambdas, score));
        }

        var best = evaluations[0];
        foreach (var evaluation in evaluations.Skip(1))
        {
            if (evaluation.Score > best.Score)
            {
                best = evaluation;
            }
        }

        var columns = best.Design.Columns;
        var (xs, imputation, means, sds) = Standardise(training, columns);
        var endpoints = new List<EndpointCoxModel>();
        var standardErrors = new Dictionary<string, IReadOnlyList<double>>();
        foreach (var endpoint in _endpoints)
        {
            var (times, events) = Outcome(training, endpoint);
            var lambda = best.Lambda[endpoint];
            var fit = CoxRidge.Fit(xs, times, events, lambda);
            var replicate = Replicate(xs, times, events, fit.Coefficients, options.GridYears);

            var random = new Random(options.Seed + (endpoint == "EFS" ? 0 : 1));
            var boots = new List<CoxReplicate>(options.BootstrapResamples);
            for (var b = 0; b < options.BootstrapResamples; b++)
            {
                var idx = Enumerable.Range(0, xs.Length).Select(_ => random.Next(xs.Length)).ToArray();
                var bx = idx.Select(i => xs[i]).ToArray();
                var bt = idx.Select(i => times[i]).ToArray();
                var be = idx.Select(i => events[i]).ToArray();
                var bfit = CoxRidge.Fit(bx, bt, be, lambda);
                boots.Add(Replicate(bx, bt, be, bfit.Coefficients, options.GridYears));
            }

            endpoints.Add(new EndpointCoxModel(endpoint, lambda, replicate, boots));
            standardErrors[endpoint] = fit.StandardErrors;
        }

        var model = new NeuroblastomaCoxModel(
            name,
            version,
            trainingData,
            options.Seed,
            columns,
            imputation,
            means,
            sds,
            options.GridYears,
            endpoints);
        return new TrainingResult(model, best.CrossValidation, standardErrors, evaluations, best.Design.Name);
    }

    private static (double[] Times, bool[] Events) Outcome(IReadOnlyList<NeuroblastomaRecord> training, string endpoint) =>
        ([.. training.Select(r => (endpoint == "EFS" ? r.EfsDays : r.OsDays) / DaysPerYear)],
         [.. training.Select(r => endpoint == "EFS" ? r.EfsEvent : r.OsEvent)]);

    // Training-mean imputation, then standardisation with the training mean and SD of every column.
    private static (double[][] X, double[] Imputation, double[] Means, double[] Sds) Standardise(IReadOnlyList<NeuroblastomaRecord> training, IReadOnlyList<string> columns)
    {
        var p = columns.Count;
        var raw = training.Select(r => NeuroblastomaEncoding.Raw(r.Features, columns)).ToArray();
        var imputation = new double[p];
        for (var j = 0; j < p; j++)
        {
            var known = raw.Where(r => r[j].HasValue).Select(r => r[j]!.Value).ToArray();
            imputation[j] = known.Length > 0 ? known.Average() : 0.0;
        }

        var imputed = raw.Select(r => r.Select((v, j) => v ?? imputation[j]).ToArray()).ToArray();
        var means = new double[p];
        var sds = new double[p];
        for (var j = 0; j < p; j++)
        {
            var column = imputed.Select(r => r[j]).ToArray();
            means[j] = column.Average();
            var variance = column.Sum(v => (v - means[j]) * (v - means[j])) / (column.Length - 1);
            sds[j] = variance > 0 ? Math.Sqrt(variance) : 1.0;
        }

        var x = imputed.Select(r => r.Select((v, j) => (v - means[j]) / sds[j]).ToArray()).ToArray();
        return (x, imputation, means, sds);
    }

    private static CoxReplicate Replicate(double[][] x, double[] times, bool[] events, IReadOnlyList<double> beta, IReadOnlyList<double> grid)
    {
        var lp = x.Select(r => CoxRidge.LinearPredictor(r, beta)).ToArray();
        var baseline = CoxRidge.Baseline(lp, times, events);
        return new CoxReplicate([.. beta], [.. grid.Select(baseline.At)]);
    }

    private static int[] Folds(bool[] events, int folds, int seed)
    {
        // Folds stratified by event status so each fold holds a share of the events.
        var random = new Random(seed);
        var fold = new int[events.Length];
        foreach (var group in new[] { true, false })
        {
            var members = Enumerable.Range(0, events.Length).Where(i => events[i] == group).OrderBy(_ => random.Next()).ToArray();
            for (var k = 0; k < members.Length; k++)
            {
                fold[members[k]] = k % folds;
            }
        }

        return fold;
    }

    private static List<CrossValidationPoint> CrossValidate(double[][] x, double[] times, bool[] events, TrainingOptions options)
    {
        var assignments = Enumerable.Range(0, options.Repeats).Select(r => Folds(events, options.Folds, options.Seed + r)).ToArray();
        var result = new List<CrossValidationPoint>();
        foreach (var lambda in options.LambdaGrid)
        {
            var (cvpl, slope, harrell) = (0.0, 0.0, 0.0);
            foreach (var fold in assignments)
            {
                var outOfFold = new double[x.Length];
                for (var f = 0; f < options.Folds; f++)
                {
                    var keep = Enumerable.Range(0, x.Length).Where(i => fold[i] != f).ToArray();
                    var kx = keep.Select(i => x[i]).ToArray();
                    var kt = keep.Select(i => times[i]).ToArray();
                    var ke = keep.Select(i => events[i]).ToArray();
                    var fit = CoxRidge.Fit(kx, kt, ke, lambda);
                    cvpl += CoxRidge.LogPartialLikelihood(x, times, events, fit.Coefficients) - fit.LogPartialLikelihood;
                    for (var i = 0; i < x.Length; i++)
                    {
                        if (fold[i] == f)
                        {
                            outOfFold[i] = CoxRidge.LinearPredictor(x[i], fit.Coefficients);
                        }
                    }
                }

                slope += Metrics.Calibration.Slope(times, events, outOfFold).Slope;
                harrell += Metrics.Concordance.Harrell(times, events, outOfFold);
            }

            var n = assignments.Length;
            result.Add(new CrossValidationPoint(lambda, cvpl / n, slope / n, harrell / n));
        }

        return result;
    }
}
