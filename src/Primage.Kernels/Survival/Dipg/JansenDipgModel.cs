namespace Primage.Kernels.Survival.Dipg;

/// <summary>
/// The Jansen et al. 2015 DIPG survival prediction model: a Cox model with bootstrap shrinkage predicting the
/// accumulated 12-month risk of death from age (above 3 years unfavourable), symptom duration (longer favourable),
/// ring enhancement at diagnosis (unfavourable) and chemotherapy (favourable).
/// </summary>
/// <remarks>
/// eta = s * (b_age I(age &gt; 36 months) + b_sd * symptom months + b_ring I(ring) + b_chemo I(chemo)),
/// S(12 months | x) = S0(12)^exp(eta), P(death by 12 months) = 1 - S(12); the category is the first whose upper
/// bound on P(death) is not exceeded. The abstract counts five variables (oral and intravenous chemotherapy
/// apart); the external validation (Veldhuijzen van Zanten et al., J Neurooncol 134:231-240, 2017) describes the
/// model with four, "receipt of any chemotherapy", which is the form used here.
/// BLOCKED: the shrinkage factor, the baseline 12-month survival and the category cut-points could not be
/// retrieved (the paper's tables were not reachable), so <see cref="Published"/> is null and nothing is invented.
/// Only the unshrunk hazard ratios are known, from a secondary source (<see cref="ReportedHazardRatios"/>).
/// </remarks>
public static class JansenDipgModel
{
    /// <summary>Age threshold, months (3 years).</summary>
    public const double AgeThresholdMonths = 36.0;

    /// <summary>The complete published parameters; null until transcribed from the paper.</summary>
    public static JansenCoefficients? Published => null;

    /// <summary>
    /// Hazard ratios of the Jansen multivariable model as tabulated (column "HR (95% CI) Jansen", next to the
    /// external validation's) in F. H. C. Felix, "Profile of survival of diffuse intrinsic pontine glioma patients",
    /// 2018 (repository cmprsk/valkyrie, a blog post citing Jansen 2015 and Veldhuijzen van Zanten 2017). Not checked
    /// against the paper itself; unshrunk.
    /// </summary>
    public static JansenHazardRatios ReportedHazardRatios { get; } = new(
        new HazardRatio(1.95, 1.01, 3.8),
        new HazardRatio(0.92, 0.86, 0.97),
        new HazardRatio(1.41, 1.07, 1.84),
        new HazardRatio(0.65, 0.49, 0.99),
        "Secondary source: F. H. C. Felix 2018, cmprsk/valkyrie, post 'Profile of survival of diffuse intrinsic pontine glioma patients', Table 1 (Jansen 2015 column); not verified against Neuro-Oncology 17:160-166.");

    /// <summary>Why <see cref="Published"/> is null.</summary>
    public const string BlockedReason =
        "The shrinkage factor, baseline 12-month survival and risk-category cut-points of Jansen et al. 2015 " +
        "(Neuro-Oncology 17:160-166, doi 10.1093/neuonc/nou104) were not retrievable in this environment (abstract and " +
        "methods only; hazard ratios from a secondary source); they are not invented.";

    /// <summary>Applies the model with the given parameters; every input must be known.</summary>
    public static DipgPrediction12Months Predict(JansenCoefficients coefficients, DipgFeatures features)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(features);
        var age = features.AgeAtDiagnosisMonths ?? throw new ArgumentException("Age at diagnosis is required.", nameof(features));
        var duration = features.SymptomDurationMonths ?? throw new ArgumentException("Symptom duration is required.", nameof(features));
        var ring = features.RingEnhancement ?? throw new ArgumentException("Ring enhancement is required.", nameof(features));
        var chemo = features.ReceivesChemotherapy ?? throw new ArgumentException("Chemotherapy is required.", nameof(features));

        var sum = (age > AgeThresholdMonths ? coefficients.AgeOverThreeYears : 0.0)
            + (coefficients.SymptomDurationPerMonth * duration)
            + (ring ? coefficients.RingEnhancement : 0.0)
            + (chemo ? coefficients.Chemotherapy : 0.0);
        var eta = coefficients.ShrinkageFactor * sum;
        var survival = Math.Pow(coefficients.BaselineSurvival12Months, Math.Exp(eta));
        var death = 1 - survival;
        var category = coefficients.Categories.FirstOrDefault(c => death <= c.UpperProbabilityOfDeath) ?? coefficients.Categories[^1];
        return new DipgPrediction12Months(eta, death, survival, category);
    }

    /// <summary>
    /// Unshrunk relative hazard of the patient against the reference (age 3 years or younger, no symptoms, no ring
    /// enhancement, no chemotherapy) from the reported hazard ratios; null when an input is unknown.
    /// Not a survival probability: the baseline is unknown.
    /// </summary>
    public static double? RelativeHazard(DipgFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features is not { AgeAtDiagnosisMonths: { } age, SymptomDurationMonths: { } months, RingEnhancement: { } ring, ReceivesChemotherapy: { } chemo })
        {
            return null;
        }

        var hr = ReportedHazardRatios;
        return (age > AgeThresholdMonths ? hr.AgeOverThreeYears.Value : 1.0)
            * Math.Pow(hr.SymptomDurationPerMonth.Value, months)
            * (ring ? hr.RingEnhancement.Value : 1.0)
            * (chemo ? hr.Chemotherapy.Value : 1.0);
    }
}
