using Primage.Kernels.Coupling;

namespace Primage.Grains.Multiscale;

/// <summary>
/// One finished coupling window: hours on the run's clock, tumour volume (mm^3), represented cell count,
/// mean oxygen and matrix fraction over the tumour, the six cellularity fractions, and how many regions
/// were simulated and died out.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.multiscale-window.v1")]
public sealed record MultiscaleWindow(
    [property: Id(0)] int Window,
    [property: Id(1)] double StartHour,
    [property: Id(2)] double EndHour,
    [property: Id(3)] double TumourVolumeMm3,
    [property: Id(4)] double CellCount,
    [property: Id(5)] double Oxygen,
    [property: Id(6)] double MatrixFraction,
    [property: Id(7)] double NbAlive,
    [property: Id(8)] double NbApoptotic,
    [property: Id(9)] double NbNecrotic,
    [property: Id(10)] double ScAlive,
    [property: Id(11)] double ScApoptotic,
    [property: Id(12)] double ScNecrotic,
    [property: Id(13)] int Regions,
    [property: Id(14)] int DeadRegions)
{
    public static MultiscaleWindow From(WindowSummary s) => new(
        s.Window, s.StartHour, s.EndHour, s.TumourVolumeMm3, s.CellCount, s.Oxygen, s.MatrixFraction,
        s.Cellularity.NbAlive, s.Cellularity.NbApoptotic, s.Cellularity.NbNecrotic,
        s.Cellularity.ScAlive, s.Cellularity.ScApoptotic, s.Cellularity.ScNecrotic,
        s.Regions, s.DeadRegions);
}
