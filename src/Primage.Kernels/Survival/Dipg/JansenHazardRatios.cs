namespace Primage.Kernels.Survival.Dipg;

/// <summary>The multivariable hazard ratios of the Jansen 2015 model as reported (before shrinkage).</summary>
/// <param name="AgeOverThreeYears">Age above 3 years against 3 years or younger.</param>
/// <param name="SymptomDurationPerMonth">Per month of symptom duration before diagnosis.</param>
/// <param name="RingEnhancement">Ring enhancement at diagnosis.</param>
/// <param name="Chemotherapy">Any chemotherapy.</param>
/// <param name="Source">Where the numbers were read.</param>
public sealed record JansenHazardRatios(
    HazardRatio AgeOverThreeYears,
    HazardRatio SymptomDurationPerMonth,
    HazardRatio RingEnhancement,
    HazardRatio Chemotherapy,
    string Source);
