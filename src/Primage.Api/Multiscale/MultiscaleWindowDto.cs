namespace Primage.Api.Multiscale;

/// <summary>
/// One finished 336-h coupling window: hours from the run's start date, tumour volume (mL) at its end, the
/// represented cell count, mean oxygen and matrix fraction over the tumour, the six cellularity fractions,
/// and how many representative regions were simulated and died out.
/// </summary>
public sealed record MultiscaleWindowDto(
    int Window,
    double StartHour,
    double EndHour,
    double TumourVolumeMl,
    double CellCount,
    double Oxygen,
    double MatrixFraction,
    CellularityDto Cellularity,
    int Regions,
    int DeadRegions);
