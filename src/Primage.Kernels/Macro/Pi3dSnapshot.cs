namespace Primage.Kernels.Macro;

/// <summary>The model's observables at one output day: visible volume per threshold (mm^3), burden sum(u) h^3 (mm^3), max u.</summary>
public sealed record Pi3dSnapshot(double Day, IReadOnlyList<double> VisibleVolumesMm3, double BurdenMm3, double MaxDensity);
