namespace Primage.Kernels.Coupling;

/// <summary>
/// The state between two windows: everything an orchestrator must persist to resume after the last
/// finished window. <see cref="NextWindow"/> counts finished windows. The per-voxel previous-state
/// statistics (telomere length and differentiation, mean and SD) carry the micro populations' memory
/// into the next window; <see cref="Sampled"/> marks the voxels that hold such statistics (voxels the
/// tumour reaches later by spreading have none, and their regions fall back to the genetic defaults).
/// <see cref="HasPrevious"/> is false before the first window.
/// </summary>
public sealed record MultiscaleState(
    int NextWindow,
    MacroFields Fields,
    bool HasPrevious,
    double[] TelomereMean,
    double[] TelomereSd,
    double[] DifferentiationMean,
    double[] DifferentiationSd,
    bool[] Sampled,
    IReadOnlyList<WindowSummary> History);
