namespace Primage.Kernels.Survival.Dipg;

/// <summary>
/// The parameters the Jansen et al. 2015 DIPG survival prediction model needs to give a 12-month survival
/// probability and a risk category (Neuro-Oncology 17:160-166).
/// </summary>
/// <param name="AgeOverThreeYears">Cox coefficient (log hazard ratio) of age above 3 years.</param>
/// <param name="SymptomDurationPerMonth">Cox coefficient per month of symptom duration (favourable, negative).</param>
/// <param name="RingEnhancement">Cox coefficient of ring enhancement at diagnosis (unfavourable, positive).</param>
/// <param name="Chemotherapy">Cox coefficient of any chemotherapy (favourable, negative).</param>
/// <param name="ShrinkageFactor">Bootstrap shrinkage factor applied to every coefficient.</param>
/// <param name="BaselineSurvival12Months">12-month survival S0(12) of the reference patient (all inputs zero).</param>
/// <param name="Categories">Risk categories, ascending by probability of death.</param>
/// <param name="Citation">Where each number is printed.</param>
public sealed record JansenCoefficients(
    double AgeOverThreeYears,
    double SymptomDurationPerMonth,
    double RingEnhancement,
    double Chemotherapy,
    double ShrinkageFactor,
    double BaselineSurvival12Months,
    IReadOnlyList<DipgRiskCategory> Categories,
    string Citation);
