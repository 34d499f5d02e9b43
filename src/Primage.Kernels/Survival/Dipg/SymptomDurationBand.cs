namespace Primage.Kernels.Survival.Dipg;

/// <summary>One symptom-duration category of the Jansen model: durations up to <paramref name="UpperMonths"/> (inclusive) take <paramref name="Coefficient"/>.</summary>
/// <param name="UpperMonths">Upper bound of the band, months (positive infinity for the last band).</param>
/// <param name="Coefficient">Cox coefficient (log hazard ratio) of the band against the reference band.</param>
public sealed record SymptomDurationBand(double UpperMonths, double Coefficient);
