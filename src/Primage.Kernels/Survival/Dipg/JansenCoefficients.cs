namespace Primage.Kernels.Survival.Dipg;

/// <summary>
/// The published parameters of the Jansen et al. 2015 DIPG survival prediction model (Neuro-Oncology 17:160-166).
/// </summary>
/// <param name="AgeThreeYearsOrYounger">Cox coefficient of age at diagnosis of 3 years or younger (favourable, negative).</param>
/// <param name="SymptomDuration">Symptom-duration bands, ascending; the first is the reference (coefficient 0).</param>
/// <param name="RingEnhancement">Coefficient of ring enhancement at diagnosis (unfavourable, positive).</param>
/// <param name="OralChemotherapy">Coefficient of oral chemotherapy (favourable).</param>
/// <param name="IntravenousChemotherapy">Coefficient of intravenous chemotherapy (favourable).</param>
/// <param name="ShrinkageFactor">Bootstrap shrinkage factor applied to every coefficient.</param>
/// <param name="BaselineSurvival12Months">Baseline 12-month survival S0(12) of the reference patient.</param>
/// <param name="Categories">Risk categories, ascending by probability of death.</param>
/// <param name="Citation">Where each number is printed in the paper.</param>
public sealed record JansenCoefficients(
    double AgeThreeYearsOrYounger,
    IReadOnlyList<SymptomDurationBand> SymptomDuration,
    double RingEnhancement,
    double OralChemotherapy,
    double IntravenousChemotherapy,
    double ShrinkageFactor,
    double BaselineSurvival12Months,
    IReadOnlyList<DipgRiskCategory> Categories,
    string Citation);
