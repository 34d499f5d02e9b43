namespace Primage.Kernels.Growth;

/// <summary>
/// Exponential growth: dV/dt = a V, V(t) = V0 e^(a t), doubling time ln 2 / a.
/// Parameters: a (1/day). Bounds 1e-4 .. 0.5 /day: doubling times from about 19 years down to
/// 1.4 days; the median neuroblastoma cell doubling time of 48 h (0.347/day) lies inside, and
/// macroscopic volume doubling is slower than the cell cycle.
/// </summary>
public sealed class ExponentialGrowth : IGrowthModel
{
    private static readonly ModelParameter[] _parameters =
    [
        new("a", "1/day", "specific growth rate; doubling time ln2/a", 1e-4, 0.5),
    ];

    public static ExponentialGrowth Instance { get; } = new();

    public string Name => "exponential";

    public IReadOnlyList<ModelParameter> Parameters => _parameters;

    public double Rate(double volume, ReadOnlySpan<double> parameters) => parameters[0] * volume;

    public double Evaluate(double v0, double t, ReadOnlySpan<double> parameters) => v0 * Math.Exp(parameters[0] * t);
}
