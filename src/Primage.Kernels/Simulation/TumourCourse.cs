using Primage.Kernels.Growth;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Simulation;

/// <summary>
/// The treated tumour course: dV/dt = f(V; p) - k_chemo(t) V between instantaneous events
/// (radiotherapy fractions multiply V by the LQ surviving fraction, surgery by 1 - resected fraction).
/// Allocation-free, so calibration can call it millions of times.
/// </summary>
public static class TumourCourse
{
    /// <summary>
    /// Writes the volume (mL) at each of <paramref name="outputDays"/> (ascending, each &gt;= 0) into
    /// <paramref name="volumes"/>, starting from <paramref name="v0"/> mL at day 0.
    /// </summary>
    public static void Simulate(
        IGrowthModel model,
        ReadOnlySpan<double> growthParameters,
        TherapyResponse response,
        CompiledTherapy therapy,
        double v0,
        ReadOnlySpan<double> outputDays,
        Span<double> volumes) => throw new NotImplementedException("Filled in by the growth/therapy work.");
}
