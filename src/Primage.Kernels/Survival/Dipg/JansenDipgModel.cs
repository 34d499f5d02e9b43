namespace Primage.Kernels.Survival.Dipg;

/// <summary>
/// The structure of the Jansen et al. 2015 DIPG survival prediction model: a Cox model with bootstrap shrinkage
/// predicting the accumulated 12-month risk of death from age (3 years or younger), symptom duration,
/// ring enhancement and oral / intravenous chemotherapy.
/// </summary>
/// <remarks>
/// eta = s * (b_age I(age &lt;= 36 months) + b_sd(band of symptom duration) + b_ring I(ring) + b_oral I(oral) + b_iv I(iv)),
/// S(12 months | x) = S0(12)^exp(eta), P(death by 12 months) = 1 - S(12). The category is the first whose upper
/// bound on P(death) is not exceeded.
/// BLOCKED: the published coefficients, shrinkage factor, baseline survival and category cut-points could not be
/// retrieved here (only the abstract was reachable), so <see cref="Published"/> is null and nothing is invented.
/// </remarks>
public static class JansenDipgModel
{
    /// <summary>Age threshold of the favourable age category, months (3 years).</summary>
    public const double AgeThresholdMonths = 36.0;

    /// <summary>The published parameters; null until they are transcribed from the paper (Table 3 / risk score).</summary>
    public static JansenCoefficients? Published => null;

    /// <summary>Why <see cref="Published"/> is null.</summary>
    public const string BlockedReason =
        "The coefficients, shrinkage factor, baseline 12-month survival and risk-score cut-points of Jansen et al. 2015 " +
        "(Neuro-Oncology 17:160-166, doi 10.1093/neuonc/nou104) were not retrievable in this environment (abstract only); " +
        "they are not invented.";

    /// <summary>Applies the model with the given parameters; every input must be known.</summary>
    public static DipgPrediction12Months Predict(JansenCoefficients coefficients, DipgFeatures features)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(features);
        var age = features.AgeAtDiagnosisMonths ?? throw new ArgumentException("Age at diagnosis is required.", nameof(features));
        var duration = features.SymptomDurationMonths ?? throw new ArgumentException("Symptom duration is required.", nameof(features));
        var ring = features.RingEnhancement ?? throw new ArgumentException("Ring enhancement is required.", nameof(features));
        var chemo = features.Chemotherapy ?? throw new ArgumentException("Chemotherapy is required.", nameof(features));

        var sum = 0.0;
        if (age <= AgeThresholdMonths)
        {
            sum += coefficients.AgeThreeYearsOrYounger;
        }

        sum += coefficients.SymptomDuration.First(b => duration <= b.UpperMonths).Coefficient;
        if (ring)
        {
            sum += coefficients.RingEnhancement;
        }

        sum += chemo switch
        {
            DipgChemotherapy.Oral => coefficients.OralChemotherapy,
            DipgChemotherapy.Intravenous => coefficients.IntravenousChemotherapy,
            _ => 0.0,
        };

        var eta = coefficients.ShrinkageFactor * sum;
        var survival = Math.Pow(coefficients.BaselineSurvival12Months, Math.Exp(eta));
        var death = 1 - survival;
        var category = coefficients.Categories.FirstOrDefault(c => death <= c.UpperProbabilityOfDeath) ?? coefficients.Categories[^1];
        return new DipgPrediction12Months(eta, death, survival, category);
    }
}
