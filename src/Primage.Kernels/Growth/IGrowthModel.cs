namespace Primage.Kernels.Growth;

/// <summary>
/// An untreated tumour growth law dV/dt = f(V; p). Volumes in mL, time in days.
/// Implementations are stateless and thread-safe; parameters travel in a span in the order of
/// <see cref="Parameters"/>.
/// </summary>
public interface IGrowthModel
{
    /// <summary>Stable lower-case name used in documents, e.g. "gompertz".</summary>
    string Name { get; }

    /// <summary>The parameters in span order, with units and plausible bounds.</summary>
    IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>The growth rate dV/dt at volume <paramref name="volume"/> (untreated).</summary>
    double Rate(double volume, ReadOnlySpan<double> parameters);

    /// <summary>The closed-form untreated volume at time <paramref name="t"/> from <paramref name="v0"/> at t = 0.</summary>
    double Evaluate(double v0, double t, ReadOnlySpan<double> parameters);
}
