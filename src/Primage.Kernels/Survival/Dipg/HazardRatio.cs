namespace Primage.Kernels.Survival.Dipg;

/// <summary>A reported hazard ratio with its 95% confidence interval.</summary>
/// <param name="Value">Hazard ratio.</param>
/// <param name="Lower">Lower 95% limit.</param>
/// <param name="Upper">Upper 95% limit.</param>
public sealed record HazardRatio(double Value, double Lower, double Upper);
