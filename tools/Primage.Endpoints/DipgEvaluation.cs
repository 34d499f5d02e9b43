using System.Globalization;
using System.Text;
using MathNet.Numerics.Statistics;
using Primage.Kernels.Survival;
using Primage.Kernels.Survival.Dipg;
using Primage.Kernels.Survival.Metrics;

namespace Primage.Endpoints;

/// <summary>The `dipg` command: what the OpenPBTA DIPG cohort allows to check of the Jansen 2015 model.</summary>
internal static class DipgEvaluation
{
    private const double DaysPerMonth = 365.25 / 12.0;
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public static int Run(FileInfo data, FileInfo output, FileInfo referenceOut)
    {
        var rows = Tsv.Read(data);
        var months = rows.Select(r => double.Parse(r["os_days"], _inv) / DaysPerMonth).ToArray();
        var events = rows.Select(r => r["os_event"] == "1").ToArray();
        var ageYears = rows.Select(r => double.Parse(r["age_at_diagnosis_days"], _inv) / 365.25).ToArray();
        var km = KaplanMeier.Fit(months, events);
        var (medLow, medHigh) = km.MedianInterval;

        // Cohort reference stored for the grain layer (years grid, 0 to 3 by 0.25).
        var curve = Enumerable.Range(0, 13).Select(k => k * 0.25).Select(y =>
        {
            var t = y * 12.0;
            return new SurvivalPoint(y, SurvivalModelStore.Round(km.SurvivalAt(t), 6), SurvivalModelStore.Round(km.LowerAt(t), 6), SurvivalModelStore.Round(km.UpperAt(t), 6));
        }).ToArray();
        var reference = new DipgCohortReference(
            "OpenPBTA DIPG participants with overall survival (Shapiro et al., Cell Genomics 2023)",
            rows.Count,
            events.Count(e => e),
            km.Median is { } m ? SurvivalModelStore.Round(m, 6) : null,
            curve);
        Directory.CreateDirectory(referenceOut.DirectoryName!);
        File.WriteAllText(referenceOut.FullName, SurvivalModelStore.Serialize(reference) + "\n");

        var young = Enumerable.Range(0, rows.Count).Where(i => ageYears[i] <= 3.0).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine("# DIPG survival: what the OpenPBTA cohort can check of the Jansen 2015 model");
        sb.AppendLine();
        sb.AppendLine("Written by `dotnet run --project tools/Primage.Endpoints -c Release -- dipg --data validation/data/survival/dipg_openpbta.tsv --out docs/validation/survival-dipg.md`; do not edit by hand.");
        sb.AppendLine();
        sb.AppendLine("## Observed (OpenPBTA, Kaplan-Meier, 95% log-log Greenwood intervals)");
        sb.AppendLine();
        sb.AppendLine(Inv($"- Patients: {rows.Count}; deaths: {events.Count(e => e)}; censored: {events.Count(e => !e)}."));
        sb.AppendLine(Inv($"- Age at diagnosis: median {ageYears.Median():0.0} years (range {ageYears.Min():0.0}-{ageYears.Max():0.0}); {young.Length} patient(s) aged 3 years or younger."));
        sb.AppendLine(Inv($"- Median overall survival: {km.Median:0.0} months (95% CI {Fmt(medLow)}-{Fmt(medHigh)})."));
        foreach (var t in new[] { 6.0, 12.0, 18.0, 24.0 })
        {
            sb.AppendLine(Inv($"- S({t:0} months) = {km.SurvivalAt(t):0.000} (95% CI {km.LowerAt(t):0.000}-{km.UpperAt(t):0.000})."));
        }

        var byCohort = rows.Select((r, i) => (r["cohort"], i)).GroupBy(x => x.Item1).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var g in byCohort)
        {
            var idx = g.Select(x => x.i).ToArray();
            var c = KaplanMeier.Fit([.. idx.Select(i => months[i])], [.. idx.Select(i => events[i])]);
            sb.AppendLine(Inv($"- Cohort {g.Key}: n = {idx.Length}, median OS {Fmt(c.Median)} months, S(12 months) = {c.SurvivalAt(12):0.000} (95% CI {c.LowerAt(12):0.000}-{c.UpperAt(12):0.000})."));
        }

        sb.AppendLine();
        sb.AppendLine("## The Jansen model against these data");
        sb.AppendLine();
        sb.AppendLine("Published (Jansen et al., Neuro-Oncology 17:160-166, 2015, abstract): 316 patients, median OS 10 months; risk categories with median OS 7.0, 9.7 and 13.7 months; AUC 0.68 for 12-month death. Favourable: age 3 years or younger, longer symptom duration, oral and intravenous chemotherapy; unfavourable: ring enhancement at diagnosis.");
        sb.AppendLine();
        var hr = JansenDipgModel.ReportedHazardRatios;
        sb.AppendLine("Hazard ratios of the multivariable model as reported, unshrunk. " + hr.Source);
        sb.AppendLine();
        sb.AppendLine("| variable | HR (95% CI) |");
        sb.AppendLine("|---|---|");
        foreach (var (name, h) in new[] { ("age above 3 years", hr.AgeOverThreeYears), ("symptom duration, per month", hr.SymptomDurationPerMonth), ("ring enhancement", hr.RingEnhancement), ("any chemotherapy", hr.Chemotherapy) })
        {
            sb.AppendLine(Inv($"| {name} | {h.Value:0.00} ({h.Lower:0.00}-{h.Upper:0.00}) |"));
        }

        sb.AppendLine();
        sb.AppendLine("BLOCKED: " + JansenDipgModel.BlockedReason + " Hence the model's average 12-month survival when only age is known (marginalising symptom duration, ring enhancement and chemotherapy over their published prevalences) cannot be computed here either: it needs the shrinkage factor, the baseline 12-month survival and the prevalences of the inputs from the paper's tables.");
        sb.AppendLine();
        sb.AppendLine(Inv($"What can be compared: the observed median OS here ({km.Median:0.0} months) lies between the published middle (9.7) and favourable (13.7) category medians and close to the development cohort's overall median (10 months); the observed 12-month survival is {km.SurvivalAt(12):0.000} (95% CI {km.LowerAt(12):0.000}-{km.UpperAt(12):0.000})."));
        sb.AppendLine();
        sb.AppendLine("What these data cannot check:");
        sb.AppendLine();
        sb.AppendLine("- Symptom duration, ring enhancement and chemotherapy are not recorded, so no patient can be scored and neither discrimination (AUC, C) nor calibration of the model can be measured.");
        sb.AppendLine(Inv($"- Age is the only predictor present, and only {young.Length} patient(s) are 3 years or younger, so even the age hazard ratio (1.95) cannot be checked."));
        sb.AppendLine("- 42 patients from trial (PNOC003) and institutional (CBTTC) cohorts, treated in a later era than the development cohort; the difference in case mix and treatment is unknown.");
        sb.AppendLine();
        sb.AppendLine("What the grain layer returns meanwhile: the observed OpenPBTA overall survival curve above (`dipg-openpbta-cohort-km`, stored at `src/Primage.Kernels/Survival/Dipg/dipg-openpbta-km.json`), flagged as the same for every patient.");
        Directory.CreateDirectory(output.DirectoryName!);
        File.WriteAllText(output.FullName, sb.ToString());
        Console.WriteLine(sb.ToString());
        return 0;
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.0", _inv) : "not reached";

    private static string Inv(FormattableString s) => s.ToString(_inv);
}
