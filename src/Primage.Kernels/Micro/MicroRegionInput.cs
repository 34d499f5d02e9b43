namespace Primage.Kernels.Micro;

/// <summary>
/// What the macro model (or a user) gives one region for one coupling window.
/// </summary>
/// <param name="VolumeMm3">The region's tissue volume at the start of the window.</param>
/// <param name="Oxygen">Oxygen fraction in [0, 1]: the supply level the region relaxes towards.</param>
/// <param name="Genetics">MYCN, ALK, TERT and ATRX status.</param>
/// <param name="Histology">Histology and grade: the Schwann-cell fraction when <paramref name="Cellularity"/> is null, and the initial differentiation.</param>
/// <param name="Cellularity">The six fractions; null derives them from <paramref name="Histology"/> (all alive).</param>
/// <param name="MatrixFraction">Extracellular matrix volume fraction in [0, 1).</param>
/// <param name="CellCount">Real cells in the region; null derives it from the volume, matrix and packing.</param>
/// <param name="AgentCap">Most agents simulated; more real cells are represented by a scaled sample.</param>
/// <param name="ChemoWindows">Chemotherapy windows on the run's clock (hour 0 = window start).</param>
/// <param name="Hours">Length of the run (one coupling window: 336 h).</param>
/// <param name="Previous">Statistics of the previous window's population, if any.</param>
public sealed record MicroRegionInput(
    double VolumeMm3,
    double Oxygen,
    NeuroblastomaGenetics Genetics,
    HistologyGrade Histology,
    CellularityFractions? Cellularity = null,
    double MatrixFraction = 0.0,
    double? CellCount = null,
    int AgentCap = 100_000,
    IReadOnlyList<ChemoWindow>? ChemoWindows = null,
    int Hours = 336,
    MicroStatistics? Previous = null);
