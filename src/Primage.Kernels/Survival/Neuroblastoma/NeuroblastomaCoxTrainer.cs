using Primage.Kernels.Survival.Cox;

namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>
/// Trains the ridge Cox model for EFS and OS on a training cohort: penalty by cross-validation, point fit,
/// Breslow baselines and bootstrap replicates, all seeded.
/// </summary>
/// <remarks>
/// Penalty: the Verweij-van Houwelingen cross-validated partial likelihood
/// CVPL(lambda) = sum_k [ l(beta_-k) - l_-k(beta_-k) ], beta_-k fitted without fold k, l on all training data and
/// l_-k on the data without fold k; the lambda maximising CVPL is chosen per end point (largest lambda on ties).
/// Intervals: B bootstrap resamples (with replacement, same size) of the training split, each refitted at the
/// chosen lambda with its own Breslow baseline; a patient's interval is the 2.5 and 97.5 percentiles of S(t|x).
/// Times are converted from days to years with 365.25 days a year.
/// </remarks>
public static class NeuroblastomaCoxTrainer
{
    /// <summary>Days per year.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>Trains on <paramref name="training"/> only.</summary>
    public static TrainingResult Train(IReadOnlyList<NeuroblastomaRecord> training, TrainingOptions options, string name, string version, string trainingData)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        var p = NeuroblastomaEncoding.FeatureNames.Count;
        var raw = training.Select(r => NeuroblastomaEncoding.Raw(r.Features)).ToArray();
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
        var endpoints = new List<EndpointCoxModel>();
        var cvCurves = new Dictionary<string, IReadOnlyList<CrossValidationPoint>>();
        var standardErrors = new Dictionary<string, IReadOnlyList<double>>();
        foreach (var endpoint in new[] { "EFS", "OS" })
        {
            var times = training.Select(r => (endpoint == "EFS" ? r.EfsDays : r.OsDays) / DaysPerYear).ToArray();
            var events = training.Select(r => endpoint == "EFS" ? r.EfsEvent : r.OsEvent).ToArray();
            var cv = CrossValidate(x, times, events, options);
            var best = cv.OrderByDescending(c => c.CrossValidatedLogLikelihood).ThenByDescending(c => c.Lambda).First().Lambda;
            var fit = CoxRidge.Fit(x, times, events, best);
            var replicate = Replicate(x, times, events, fit.Coefficients, options.GridYears);

            var random = new Random(options.Seed + (endpoint == "EFS" ? 0 : 1));
            var boots = new List<CoxReplicate>(options.BootstrapResamples);
            for (var b = 0; b < options.BootstrapResamples; b++)
            {
                var idx = Enumerable.Range(0, x.Length).Select(_ => random.Next(x.Length)).ToArray();
                var bx = idx.Select(i => x[i]).ToArray();
                var bt = idx.Select(i => times[i]).ToArray();
                var be = idx.Select(i => events[i]).ToArray();
                var bfit = CoxRidge.Fit(bx, bt, be, best);
                boots.Add(Replicate(bx, bt, be, bfit.Coefficients, options.GridYears));
            }

            endpoints.Add(new EndpointCoxModel(endpoint, best, replicate, boots));
            cvCurves[endpoint] = cv;
            standardErrors[endpoint] = fit.StandardErrors;
        }

        var model = new NeuroblastomaCoxModel(
            name,
            version,
            trainingData,
            options.Seed,
            NeuroblastomaEncoding.FeatureNames,
            imputation,
            means,
            sds,
            options.GridYears,
            endpoints);
        return new TrainingResult(model, cvCurves, standardErrors);
    }

    private static CoxReplicate Replicate(double[][] x, double[] times, bool[] events, IReadOnlyList<double> beta, IReadOnlyList<double> grid)
    {
        var lp = x.Select(r => CoxRidge.LinearPredictor(r, beta)).ToArray();
        var baseline = CoxRidge.Baseline(lp, times, events);
        return new CoxReplicate([.. beta], [.. grid.Select(baseline.At)]);
    }

    private static List<CrossValidationPoint> CrossValidate(double[][] x, double[] times, bool[] events, TrainingOptions options)
    {
        // Folds stratified by event status so each fold holds a share of the events.
        var random = new Random(options.Seed);
        var fold = new int[x.Length];
        foreach (var group in new[] { true, false })
        {
            var members = Enumerable.Range(0, x.Length).Where(i => events[i] == group).OrderBy(_ => random.Next()).ToArray();
            for (var k = 0; k < members.Length; k++)
            {
                fold[members[k]] = k % options.Folds;
            }
        }

        var result = new List<CrossValidationPoint>();
        foreach (var lambda in options.LambdaGrid)
        {
            var cvpl = 0.0;
            for (var f = 0; f < options.Folds; f++)
            {
                var keep = Enumerable.Range(0, x.Length).Where(i => fold[i] != f).ToArray();
                var kx = keep.Select(i => x[i]).ToArray();
                var kt = keep.Select(i => times[i]).ToArray();
                var ke = keep.Select(i => events[i]).ToArray();
                var fit = CoxRidge.Fit(kx, kt, ke, lambda);
                cvpl += CoxRidge.LogPartialLikelihood(x, times, events, fit.Coefficients) - fit.LogPartialLikelihood;
            }

            result.Add(new CrossValidationPoint(lambda, cvpl));
        }

        return result;
    }
}
