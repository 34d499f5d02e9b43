namespace Primage.Kernels.Calibration;

/// <summary>
/// A forward model the calibration engine can fit: a deterministic tumour volume course from a
/// parameter vector. The engine samples parameters in log space (all parameters are positive) and
/// passes them here on their natural scale, in the order of <see cref="Parameters"/>.
/// Implementations are stateless and thread-safe.
/// </summary>
public interface ITrajectoryModel
{
    /// <summary>Stable name, e.g. "gompertz".</summary>
    string Name { get; }

    /// <summary>The calibrated parameters, in span order, with the bounds a posterior may explore.</summary>
    IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>
    /// Writes the noise-free volume at each of <paramref name="days"/> (ascending, each &gt;= 0) into
    /// <paramref name="volumes"/>. Non-finite or non-positive outputs are treated as impossible.
    /// </summary>
    void Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> days, Span<double> volumes);
}
