namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>One fit of the Cox model: coefficients on standardised columns and the Breslow H0 on the model's grid.</summary>
/// <param name="Coefficients">Log hazard ratios per standardised column.</param>
/// <param name="CumulativeHazard">Baseline cumulative hazard H0 at each grid time.</param>
public sealed record CoxReplicate(IReadOnlyList<double> Coefficients, IReadOnlyList<double> CumulativeHazard);
