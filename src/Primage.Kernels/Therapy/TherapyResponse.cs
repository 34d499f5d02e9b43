namespace Primage.Kernels.Therapy;

/// <summary>
/// A tumour's sensitivity to therapy (patient-specific, calibratable).
/// AlphaPerGy and AlphaOverBetaGy: linear-quadratic radiosensitivity (surviving fraction per fraction
/// of dose d is exp(-(alpha d + beta d^2)), beta = alpha / (alpha/beta)).
/// ChemoSensitivity: a multiplier on every regimen's nominal kill rate (1 = the catalogue's value).
/// </summary>
public readonly record struct TherapyResponse(double AlphaPerGy, double AlphaOverBetaGy, double ChemoSensitivity);
