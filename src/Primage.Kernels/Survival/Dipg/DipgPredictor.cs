namespace Primage.Kernels.Survival.Dipg;

/// <summary>DIPG survival prediction for the grain layer.</summary>
public static class DipgPredictor
{
    /// <summary>Horizon of the Jansen model, years.</summary>
    public static IReadOnlyList<double> HorizonsYears { get; } = [1.0];

    /// <summary>Model card with the measured performance.</summary>
    public const string PerformanceReference = "docs/model-cards/dipg-survival.md";

    /// <summary>
    /// The Jansen model's 12-month survival and risk category when its published coefficients are available and
    /// every input is known; otherwise the cohort reference (observed OpenPBTA survival), flagged as not individualised.
    /// </summary>
    public static SurvivalPrediction Predict(DipgFeatures features, DipgCohortReference reference)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(reference);
        var notes = new List<string>();
        if (JansenDipgModel.Published is { } coefficients
            && features is { AgeAtDiagnosisMonths: not null, SymptomDurationMonths: not null, RingEnhancement: not null, ReceivesChemotherapy: not null })
        {
            var p = JansenDipgModel.Predict(coefficients, features);
            var point = new SurvivalPoint(1.0, p.Survival12Months, p.Survival12Months, p.Survival12Months);
            notes.Add("Jansen et al. 2015 model; the paper gives no per-patient interval, so lower = upper = point.");
            return new SurvivalPrediction(
                "dipg-jansen-2015",
                "1",
                HorizonsYears,
                [new EndpointCurve("OS", [point], [new SurvivalPoint(0, 1, 1, 1), point])],
                p.Category.Name,
                PerformanceReference,
                notes);
        }

        notes.Add(JansenDipgModel.Published is null
            ? JansenDipgModel.BlockedReason
            : "Some Jansen inputs are unknown (age, symptom duration, ring enhancement, chemotherapy).");
        if (JansenDipgModel.RelativeHazard(features) is { } rh)
        {
            notes.Add(FormattableString.Invariant($"Unshrunk relative hazard from the reported Jansen hazard ratios (secondary source) against age <= 3 years, no symptoms, no ring enhancement, no chemotherapy: {rh:0.00}; not a probability."));
        }

        notes.Add($"Returned instead: observed overall survival of {reference.Source} (Kaplan-Meier, n = {reference.Patients}, {reference.Deaths} deaths, 95% log-log Greenwood interval); the same for every DIPG patient.");
        var atOneYear = reference.Curve.OrderBy(c => Math.Abs(c.TimeYears - 1.0)).First();
        return new SurvivalPrediction(
            "dipg-openpbta-cohort-km",
            "1",
            HorizonsYears,
            [new EndpointCurve("OS", [atOneYear], reference.Curve)],
            null,
            PerformanceReference,
            notes);
    }
}
