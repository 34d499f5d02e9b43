namespace Primage.Kernels.Micro;

/// <summary>
/// What one region returns after a window. <see cref="VolumeRatio"/> is -1 when every cell died
/// (no living agent is left), as in the published model.
/// </summary>
public sealed record MicroRegionOutput(
    double Oxygen,
    double OxygenChange,
    double MatrixFraction,
    double MatrixChange,
    CellularityFractions Cellularity,
    double CellCount,
    int AgentCount,
    double VolumeRatio,
    double VolumeMm3,
    double VegfRatio,
    double HypoxicFraction,
    MicroStatistics Statistics)
{
    public bool AllDead => VolumeRatio < 0;
}
