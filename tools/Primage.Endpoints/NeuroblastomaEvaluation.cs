using System.Globalization;
using System.Text;
using MathNet.Numerics.Statistics;
using Primage.Kernels.Survival;
using Primage.Kernels.Survival.Metrics;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Endpoints;

/// <summary>The `evaluate` command: train on the SEQC training split, evaluate on the validation split.</summary>
internal static class NeuroblastomaEvaluation
{
    private const double Tau = 5.0;
    private const string ModelVersion = "2.0.0";
    private static readonly double[] _horizons = [1.0, 3.0, 5.0];
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public static int Run(FileInfo data, FileInfo output, FileInfo modelOut)
    {
        var rows = Tsv.Read(data);
        var records = rows.Select(ToRecord).ToArray();
        var training = records.Where(r => r.Split == "training").Select(r => r.Record).ToArray();
        var validation = records.Where(r => r.Split == "validation").Select(r => r.Record).ToArray();
        var options = TrainingOptions.Default;
        var result = NeuroblastomaCoxTrainer.Train(
            training,
            options,
            "neuroblastoma-cox-ridge",
            ModelVersion,
            $"SEQC neuroblastoma cohort (GEO GSE49711), training split as published, n = {training.Length}");

        // Store with rounded numbers, then evaluate exactly what is stored.
        var stored = RoundModel(result.Model);
        Directory.CreateDirectory(modelOut.DirectoryName!);
        File.WriteAllText(modelOut.FullName, SurvivalModelStore.Serialize(stored) + "\n");
        var model = System.Text.Json.JsonSerializer.Deserialize<NeuroblastomaCoxModel>(File.ReadAllText(modelOut.FullName), SurvivalModelStore.Json)!;

        var report = new StringBuilder();
        report.AppendLine("# Neuroblastoma survival predictor: validation report");
        report.AppendLine();
        report.AppendLine("Written by `dotnet run --project tools/Primage.Endpoints -c Release -- evaluate --data validation/data/survival/seqc_neuroblastoma.tsv --out docs/validation/survival-neuroblastoma.md`; do not edit by hand.");
        report.AppendLine();
        report.AppendLine(Inv($"Data: {data.Name}; training split n = {training.Length} (EFS events {training.Count(r => r.EfsEvent)}, deaths {training.Count(r => r.OsEvent)}), validation split n = {validation.Length} (EFS events {validation.Count(r => r.EfsEvent)}, deaths {validation.Count(r => r.OsEvent)}). The model is trained on the training split only; every figure below is on the validation split unless it says otherwise."));
        report.AppendLine();
        report.AppendLine(Inv($"Model: `{model.Name}` version {model.Version}, ridge Cox per end point on {model.FeatureNames.Count} standardised columns ({string.Join(", ", model.FeatureNames)}), design \"{result.ChosenDesign}\" and penalties chosen on the training split only by {options.Repeats} repeats of {options.Folds}-fold cross-validation (see \"Design and penalty selection\"), {options.BootstrapResamples} seeded bootstrap refits (seed {options.Seed}) for per-patient intervals. Stored at `{Path.GetRelativePath(Directory.GetCurrentDirectory(), modelOut.FullName).Replace('\\', '/')}`."));
        report.AppendLine();
        report.AppendLine("Conventions: times in years (365.25 days); risk score for discrimination = the linear predictor (higher = worse); Uno's C truncated at tau = 5 years with the Kaplan-Meier censoring distribution of the validation split; time-dependent AUC cumulative/dynamic with IPCW (cases weighted 1/G(T-)); Brier score IPCW (Graf) with the same G; the null model is the Kaplan-Meier estimate of the training split (same prediction for everyone); integrated Brier score over [0, 5] years by the trapezoidal rule on a 0.25-year grid; calibration slope = coefficient of a Cox model refitted on the validation split with the linear predictor as its only covariate (1 ideal, below 1 overfitting); calibration-in-the-large = observed Kaplan-Meier S(t) minus mean predicted S(t).");
        report.AppendLine();

        WriteSelection(report, options, result);

        var summary = new List<string>();
        foreach (var endpoint in new[] { "EFS", "OS" })
        {
            WriteEndpoint(report, summary, endpoint, model, result, training, validation);
        }

        report.AppendLine("## Goals");
        report.AppendLine();
        foreach (var line in summary)
        {
            report.AppendLine(line);
        }

        report.AppendLine();
        Directory.CreateDirectory(output.DirectoryName!);
        File.WriteAllText(output.FullName, report.ToString());
        Console.WriteLine(report.ToString());
        return 0;
    }

    private static void WriteEndpoint(
        StringBuilder report,
        List<string> summary,
        string endpoint,
        NeuroblastomaCoxModel model,
        TrainingResult result,
        NeuroblastomaRecord[] training,
        NeuroblastomaRecord[] validation)
    {
        double Time(NeuroblastomaRecord r) => (endpoint == "EFS" ? r.EfsDays : r.OsDays) / NeuroblastomaCoxTrainer.DaysPerYear;
        bool Event(NeuroblastomaRecord r) => endpoint == "EFS" ? r.EfsEvent : r.OsEvent;

        var em = model.Endpoint(endpoint);
        var vt = validation.Select(Time).ToArray();
        var ve = validation.Select(Event).ToArray();
        var rows = validation.Select(r => model.Encode(r.Features)).ToArray();
        var lp = validation.Select(r => model.LinearPredictor(endpoint, r.Features)).ToArray();
        var reference = validation.Select(r => ReferenceScore(r.Features)).ToArray();
        var trainingKm = KaplanMeier.Fit(training.Select(Time).ToArray(), training.Select(Event).ToArray());
        var validationKm = KaplanMeier.Fit(vt, ve);
        var grid = model.GridYears;
        double Predict(int i, double t)
        {
            var k = IndexOf(grid, t);
            return model.SurvivalAtGrid(endpoint, rows[i], k).Point;
        }

        report.AppendLine(Inv($"## {endpoint} ({(endpoint == "EFS" ? "event-free survival" : "overall survival")})"));
        report.AppendLine();
        report.AppendLine("### Fitted model (training split)");
        report.AppendLine();
        var cv = result.CrossValidation[endpoint];
        report.AppendLine(Inv($"Penalty chosen: lambda = {em.Lambda:0.###} (training split, mean over the cross-validation repeats, lambda: CVPL / out-of-fold calibration slope / out-of-fold Harrell's C: {string.Join("; ", cv.Select(c => Inv($"{c.Lambda:0.###}: {c.CrossValidatedLogLikelihood:0.00} / {c.CalibrationSlope:0.000} / {c.HarrellC:0.000}")))})."));
        report.AppendLine();
        report.AppendLine("| column | training mean (after imputation) | training SD | coefficient per SD | model SE | hazard ratio per unit of the raw column (0/1, year, spline unit) |");
        report.AppendLine("|---|---|---|---|---|---|");
        var se = result.StandardErrors[endpoint];
        for (var j = 0; j < model.FeatureNames.Count; j++)
        {
            var b = em.Fit.Coefficients[j];
            report.AppendLine(Inv($"| {model.FeatureNames[j]} | {model.Means[j]:0.000} | {model.StandardDeviations[j]:0.000} | {b:0.0000} | {se[j]:0.0000} | {Math.Exp(b / model.StandardDeviations[j]):0.000} |"));
        }

        report.AppendLine();
        report.AppendLine(Inv($"Baseline (all columns at their training means): S0(1) = {Math.Exp(-em.Fit.CumulativeHazard[IndexOf(grid, 1)]):0.000}, S0(3) = {Math.Exp(-em.Fit.CumulativeHazard[IndexOf(grid, 3)]):0.000}, S0(5) = {Math.Exp(-em.Fit.CumulativeHazard[IndexOf(grid, 5)]):0.000}."));
        report.AppendLine();

        // Discrimination.
        var harrell = Concordance.Harrell(vt, ve, lp);
        var harrellCi = BootstrapHarrell(vt, ve, lp, 200, 7);
        var uno = Concordance.Uno(vt, ve, lp, Tau);
        var refHarrell = Concordance.Harrell(vt, ve, reference);
        var refUno = Concordance.Uno(vt, ve, reference, Tau);
        var trainingHarrell = Concordance.Harrell(training.Select(Time).ToArray(), training.Select(Event).ToArray(), [.. training.Select(r => model.LinearPredictor(endpoint, r.Features))]);
        report.AppendLine("### Discrimination (validation split)");
        report.AppendLine();
        report.AppendLine("| measure | ridge Cox | reference score (stage, MYCN, age) |");
        report.AppendLine("|---|---|---|");
        report.AppendLine(Inv($"| Harrell's C | {harrell:0.000} (95% bootstrap CI {harrellCi.Lower:0.000}-{harrellCi.Upper:0.000}) | {refHarrell:0.000} |"));
        report.AppendLine(Inv($"| Uno's C (tau = 5 y) | {uno:0.000} | {refUno:0.000} |"));
        foreach (var t in new[] { 3.0, 5.0 })
        {
            report.AppendLine(Inv($"| td-AUC at {t:0} y | {TimeDependentAuc.CumulativeDynamic(vt, ve, lp, t):0.000} | {TimeDependentAuc.CumulativeDynamic(vt, ve, reference, t):0.000} |"));
        }

        report.AppendLine();
        report.AppendLine(Inv($"Harrell's C of the ridge Cox model on its own training split (optimistic): {trainingHarrell:0.000}. Reference score = 2 x stage 4 + 1 x stage 3 + 2 x MYCN amplified + 1 x age >= 18 months (unknown = 0), hand-weighted, not fitted. The C-index interval resamples validation patients 200 times (seed 7)."));
        report.AppendLine();

        // Accuracy.
        report.AppendLine("### Accuracy: Brier score (validation split; lower is better)");
        report.AppendLine();
        report.AppendLine("| horizon | ridge Cox | Kaplan-Meier null | skill (1 - model/null) |");
        report.AppendLine("|---|---|---|---|");
        foreach (var t in new[] { 3.0, 5.0 })
        {
            var bs = BrierScore.At(vt, ve, [.. Enumerable.Range(0, vt.Length).Select(i => Predict(i, t))], t);
            var bsNull = BrierScore.At(vt, ve, [.. Enumerable.Repeat(trainingKm.SurvivalAt(t), vt.Length)], t);
            report.AppendLine(Inv($"| {t:0} y | {bs:0.0000} | {bsNull:0.0000} | {1 - (bs / bsNull):0.000} |"));
        }

        var ibs = BrierScore.Integrated(vt, ve, Predict, grid);
        var ibsNull = BrierScore.Integrated(vt, ve, (_, t) => trainingKm.SurvivalAt(t), grid);
        report.AppendLine(Inv($"| integrated, 0-5 y | {ibs:0.0000} | {ibsNull:0.0000} | {1 - (ibs / ibsNull):0.000} |"));
        report.AppendLine();

        // Calibration.
        var slope = Calibration.Slope(vt, ve, lp);
        report.AppendLine("### Calibration (validation split)");
        report.AppendLine();
        report.AppendLine(Inv($"Calibration slope: {slope.Slope:0.000} (95% CI {slope.Lower:0.000}-{slope.Upper:0.000})."));
        report.AppendLine();
        report.AppendLine("| horizon | observed KM S(t) [95% CI] | mean predicted S(t) | in the large (observed - predicted) | median per-patient 95% interval width |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var t in _horizons)
        {
            var k = IndexOf(grid, t);
            var predicted = rows.Select(r => model.SurvivalAtGrid(endpoint, r, k)).ToArray();
            var widths = predicted.Select(p =>
            {
                var reps = p.Replicates.Order().ToArray();
                return SortedArrayStatistics.Quantile(reps, 0.975) - SortedArrayStatistics.Quantile(reps, 0.025);
            }).ToArray();
            var mean = predicted.Average(p => p.Point);
            report.AppendLine(Inv($"| {t:0} y | {validationKm.SurvivalAt(t):0.000} [{validationKm.LowerAt(t):0.000}-{validationKm.UpperAt(t):0.000}] | {mean:0.000} | {validationKm.SurvivalAt(t) - mean:+0.000;-0.000} | {widths.Median():0.000} |"));
        }

        report.AppendLine();

        // Predicted versus observed by risk group: tertiles of the training linear predictor.
        var trainingLp = training.Select(r => model.LinearPredictor(endpoint, r.Features)).Order().ToArray();
        var cut1 = SortedArrayStatistics.Quantile(trainingLp, 1.0 / 3);
        var cut2 = SortedArrayStatistics.Quantile(trainingLp, 2.0 / 3);
        report.AppendLine(Inv($"Predicted versus observed by risk group (tertiles of the training linear predictor, cut-points {cut1:0.000} and {cut2:0.000}; ties fall into the lower group):"));
        report.AppendLine();
        report.AppendLine("| group | n | events | predicted S(3 y) | observed S(3 y) [95% CI] | predicted S(5 y) | observed S(5 y) [95% CI] |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        var groups = new[] { ("low", (Func<double, bool>)(v => v <= cut1)), ("middle", v => v > cut1 && v <= cut2), ("high", v => v > cut2) };
        foreach (var (name, member) in groups)
        {
            var idx = Enumerable.Range(0, lp.Length).Where(i => member(lp[i])).ToArray();
            if (idx.Length == 0)
            {
                report.AppendLine(Inv($"| {name} | 0 | 0 | - | - | - | - |"));
                continue;
            }

            var km = KaplanMeier.Fit([.. idx.Select(i => vt[i])], [.. idx.Select(i => ve[i])]);
            var p3 = idx.Average(i => Predict(i, 3));
            var p5 = idx.Average(i => Predict(i, 5));
            report.AppendLine(Inv($"| {name} | {idx.Length} | {idx.Count(i => ve[i])} | {p3:0.000} | {km.SurvivalAt(3):0.000} [{km.LowerAt(3):0.000}-{km.UpperAt(3):0.000}] | {p5:0.000} | {km.SurvivalAt(5):0.000} [{km.LowerAt(5):0.000}-{km.UpperAt(5):0.000}] |"));
        }

        report.AppendLine();

        // Sensitivity, not the stored model: the same columns fitted without penalty on the training split.
        var trainingRows = training.Select(r => model.Encode(r.Features)).ToArray();
        var unpenalised = Primage.Kernels.Survival.Cox.CoxRidge.Fit(trainingRows, training.Select(Time).ToArray(), training.Select(Event).ToArray(), 0);
        var lp0 = rows.Select(r => Primage.Kernels.Survival.Cox.CoxRidge.LinearPredictor(r, unpenalised.Coefficients)).ToArray();
        var slope0 = Calibration.Slope(vt, ve, lp0);
        report.AppendLine(Inv($"Sensitivity (not the stored model, reported to show what the penalty does): the same columns fitted without penalty give Harrell's C {Concordance.Harrell(vt, ve, lp0):0.000} and calibration slope {slope0.Slope:0.000} (95% CI {slope0.Lower:0.000}-{slope0.Upper:0.000}) on the validation split."));
        report.AppendLine();
        var goal = endpoint == "OS" ? 0.86 : 0.75;
        summary.Add(Inv($"- {endpoint} Harrell's C {harrell:0.000} against the goal >= {goal:0.00}: {(harrell >= goal ? "met" : "NOT met")} (reference score {refHarrell:0.000})."));
        summary.Add(Inv($"- {endpoint} calibration slope {slope.Slope:0.000} against the goal [0.8, 1.2]: {(slope.Slope is >= 0.8 and <= 1.2 ? "met" : "NOT met")}."));
    }

    private static void WriteSelection(StringBuilder report, TrainingOptions options, TrainingResult result)
    {
        report.AppendLine("## Design and penalty selection (training split only)");
        report.AppendLine();
        report.AppendLine(Inv($"Every candidate below was evaluated by {options.Repeats} repeats of {options.Folds}-fold cross-validation on the training split (folds stratified by event status, repeat r seeded {options.Seed} + r, the same folds for every candidate and penalty), on the penalty grid {{{string.Join(", ", options.LambdaGrid.Select(l => Inv($"{l:0.###}")))}}}. Rule, fixed before any candidate was run: per design and end point, the penalty whose out-of-fold calibration slope (Cox refit of the training outcome on the pooled out-of-fold linear predictor, averaged over repeats) is closest to 1 (larger penalty on ties); then the design with the highest Verweij-van Houwelingen cross-validated partial log-likelihood (CVPL) at its chosen penalties, summed over EFS and OS (the earlier, simpler design on ties). No validation-split figure of any candidate enters the selection; only the chosen design is evaluated on the validation split below."));
        report.AppendLine();
        report.AppendLine("Why this rule: version 1.0.0 chose the penalty by the maximum of a single 5-fold CVPL on the grid {0, 0.5, ..., 64} (lambda = 32 for both end points) and its validation calibration slopes were 1.29 (EFS) and 1.24 (OS), i.e. over-shrunk. That validation result motivated changing the criterion to one that targets calibration on training data; it is stated here because it is itself information from the validation split. The optional columns are clinically motivated encodings (INSS stage 4 at 18 months or older, MYCN amplification outside stage 4, unknown MYCN, a non-linear age term), chosen from the neuroblastoma literature before any of them was fitted.");
        report.AppendLine();
        report.AppendLine("| design | extra columns | EFS lambda | EFS CVPL | EFS CV slope | EFS CV C | OS lambda | OS CVPL | OS CV slope | OS CV C | score (summed CVPL) |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var d in result.Designs)
        {
            CrossValidationPoint At(string endpoint) => d.CrossValidation[endpoint].First(c => c.Lambda == d.Lambda[endpoint]);
            var efs = At("EFS");
            var os = At("OS");
            var chosen = d.Design.Name == result.ChosenDesign ? " (chosen)" : string.Empty;
            var extra = d.Design.ExtraColumns.Count == 0 ? "none" : string.Join(", ", d.Design.ExtraColumns);
            report.AppendLine(Inv($"| {d.Design.Name}{chosen} | {extra} | {efs.Lambda:0.###} | {efs.CrossValidatedLogLikelihood:0.00} | {efs.CalibrationSlope:0.000} | {efs.HarrellC:0.000} | {os.Lambda:0.###} | {os.CrossValidatedLogLikelihood:0.00} | {os.CalibrationSlope:0.000} | {os.HarrellC:0.000} | {d.Score:0.00} |"));
        }

        report.AppendLine();
    }

    private static (double Lower, double Upper) BootstrapHarrell(double[] t, bool[] e, double[] r, int resamples, int seed)
    {
        var random = new Random(seed);
        var values = new List<double>(resamples);
        for (var b = 0; b < resamples; b++)
        {
            var idx = Enumerable.Range(0, t.Length).Select(_ => random.Next(t.Length)).ToArray();
            var c = Concordance.Harrell([.. idx.Select(i => t[i])], [.. idx.Select(i => e[i])], [.. idx.Select(i => r[i])]);
            if (!double.IsNaN(c))
            {
                values.Add(c);
            }
        }

        var sorted = values.Order().ToArray();
        return (SortedArrayStatistics.Quantile(sorted, 0.025), SortedArrayStatistics.Quantile(sorted, 0.975));
    }

    /// <summary>The hand-weighted reference score: 2 stage 4 + 1 stage 3 + 2 MYCN amplified + 1 age 18 months or older.</summary>
    internal static double ReferenceScore(NeuroblastomaFeatures f) =>
        (f.Stage == InssStage.Stage4 ? 2 : f.Stage == InssStage.Stage3 ? 1 : 0)
        + (f.MycnAmplified == true ? 2 : 0)
        + (f.AgeAtDiagnosisMonths >= 18 ? 1 : 0);

    private static int IndexOf(IReadOnlyList<double> grid, double t)
    {
        for (var k = 0; k < grid.Count; k++)
        {
            if (Math.Abs(grid[k] - t) < 1e-9)
            {
                return k;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(t), $"{t} is not on the model grid.");
    }

    private static NeuroblastomaCoxModel RoundModel(NeuroblastomaCoxModel m)
    {
        static double[] R(IEnumerable<double> v) => [.. v.Select(x => SurvivalModelStore.Round(x))];
        static CoxReplicate Rep(CoxReplicate r) => new(R(r.Coefficients), R(r.CumulativeHazard));
        return m with
        {
            ImputationValues = R(m.ImputationValues),
            Means = R(m.Means),
            StandardDeviations = R(m.StandardDeviations),
            Endpoints = [.. m.Endpoints.Select(e => e with { Fit = Rep(e.Fit), Bootstrap = [.. e.Bootstrap.Select(Rep)] })],
        };
    }

    private static (string Split, NeuroblastomaRecord Record) ToRecord(Dictionary<string, string> row)
    {
        InssStage? stage = row["inss_stage"] switch
        {
            "1" => InssStage.Stage1,
            "2" or "2a" or "2b" => InssStage.Stage2,
            "3" => InssStage.Stage3,
            "4" => InssStage.Stage4,
            "4S" => InssStage.Stage4S,
            _ => null,
        };
        bool? mycn = row["mycn"] switch { "amplified" => true, "not_amplified" => false, _ => null };
        bool? male = row["sex"] switch { "M" => true, "F" => false, _ => null };
        var ageMonths = double.Parse(row["age_days"], _inv) / NeuroblastomaEncoding.DaysPerMonth;
        var features = new NeuroblastomaFeatures(stage, ageMonths, mycn, row["high_risk"] == "1", male);
        return (row["split"], new NeuroblastomaRecord(
            row["id"],
            features,
            double.Parse(row["efs_days"], _inv),
            row["efs_event"] == "1",
            double.Parse(row["os_days"], _inv),
            row["os_event"] == "1"));
    }

    private static string Inv(FormattableString s) => s.ToString(_inv);
}
