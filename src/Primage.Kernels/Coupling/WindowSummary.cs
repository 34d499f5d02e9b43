using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The outputs of one finished window: tumour volume (mm^3), the six cellularity fractions and the
/// matrix fraction averaged over the tumour (weighted by u; the fractions over the voxels that hold a
/// composition, so they sum to 1), mean oxygen over the tumour, the represented cell count, how many
/// regions were simulated and how many died out.
/// </summary>
public sealed record WindowSummary(
    int Window,
    double StartHour,
    double EndHour,
    double TumourVolumeMm3,
    CellularityFractions Cellularity,
    double Oxygen,
    double MatrixFraction,
    double CellCount,
    int Regions,
    int DeadRegions);
