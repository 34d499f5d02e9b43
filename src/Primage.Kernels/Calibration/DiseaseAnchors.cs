namespace Primage.Kernels.Calibration;

/// <summary>The clinical anchors from which <see cref="DiseasePriors"/> derives every model's prior.</summary>
/// <param name="ReferenceVolume">Typical volume at diagnosis, mL.</param>
/// <param name="GrowthRate">Specific growth rate at that volume, 1/day.</param>
/// <param name="Plateau">Typical plateau (carrying capacity), mL.</param>
/// <param name="RadioSensitivity">Median effective volumetric LQ alpha, 1/Gy.</param>
/// <param name="RadioSensitivityLogSd">Its log-space standard deviation.</param>
/// <param name="ChemoSensitivity">Median multiplier on the regimen's nominal kill.</param>
/// <param name="ChemoSensitivityLogSd">Its log-space standard deviation.</param>
public sealed record DiseaseAnchors(
    double ReferenceVolume,
    double GrowthRate,
    double Plateau,
    double RadioSensitivity,
    double RadioSensitivityLogSd,
    double ChemoSensitivity,
    double ChemoSensitivityLogSd);
