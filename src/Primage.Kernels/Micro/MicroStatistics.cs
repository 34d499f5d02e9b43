namespace Primage.Kernels.Micro;

/// <summary>
/// Summary statistics of a region's population, returned after a window and optionally passed
/// back in as "previous state" for the next window (telomere lengths and differentiation are drawn
/// around these instead of the genetic defaults).
/// </summary>
public sealed record MicroStatistics(
    double TelomereMean,
    double TelomereSd,
    double DifferentiationMean,
    double DifferentiationSd,
    double ApoptoticSignalMean,
    double ApoptoticSignalSd,
    double NecroticSignalMean,
    double NecroticSignalSd);
