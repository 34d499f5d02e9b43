namespace Primage.Kernels.Growth;

/// <summary>
/// Logistic growth: dV/dt = r V (1 - V/K), V(t) = K V0 / (V0 + (K - V0) e^(-r t)).
/// Parameters: r (1/day), bounds 1e-4 .. 1 /day (initial specific rate, at most about 3 times the
/// neuroblastoma cell-cycle rate of 0.347/day); K (mL), bounds 1 .. 5000 mL (a plateau from a small
/// nodule to a very large abdominal mass).
/// </summary>
public sealed class LogisticGrowth : IGrowthModel
{
    private static readonly ModelParameter[] _parameters =
    [
        new("r", "1/day", "specific growth rate at small volume", 1e-4, 1.0),
        new("K", "mL", "carrying capacity (plateau volume)", 1.0, 5000.0),
    ];

    public static LogisticGrowth Instance { get; } = new();

    public string Name => "logistic";

    public IReadOnlyList<ModelParameter> Parameters => _parameters;

    public double Rate(double volume, ReadOnlySpan<double> parameters)
        => parameters[0] * volume * (1.0 - (volume / parameters[1]));

    public double Evaluate(double v0, double t, ReadOnlySpan<double> parameters)
    {
        var r = parameters[0];
        var k = parameters[1];
        return k * v0 / (v0 + ((k - v0) * Math.Exp(-r * t)));
    }
}
