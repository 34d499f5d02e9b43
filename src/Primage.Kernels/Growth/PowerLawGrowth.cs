namespace Primage.Kernels.Growth;

/// <summary>
/// Power-law growth: dV/dt = a V^gamma,
///   V(t) = (V0^(1-gamma) + (1-gamma) a t)^(1/(1-gamma)),
/// with gamma = 1 read as exponential growth (the limit). gamma &lt; 1 models a proliferating rim on a
/// quiescent core (gamma = 2/3: surface-limited growth).
/// Parameters: a (mL^(1-gamma)/day), bounds 1e-3 .. 5; gamma (dimensionless), bounds 0.4 .. 0.99
/// (fits to clinical series fall around 0.6-0.9; the upper bound keeps the law distinct from exponential).
/// </summary>
public sealed class PowerLawGrowth : IGrowthModel
{
    private static readonly ModelParameter[] _parameters =
    [
        new("a", "mL^(1-gamma)/day", "growth coefficient", 1e-3, 5.0),
        new("gamma", "1", "scaling exponent of the proliferating volume", 0.4, 0.99),
    ];

    public static PowerLawGrowth Instance { get; } = new();

    public string Name => "power-law";

    public IReadOnlyList<ModelParameter> Parameters => _parameters;

    public double Rate(double volume, ReadOnlySpan<double> parameters)
    {
        if (volume <= 0.0)
        {
            return 0.0;
        }

        return parameters[0] * Math.Pow(volume, parameters[1]);
    }

    public double Evaluate(double v0, double t, ReadOnlySpan<double> parameters)
    {
        var a = parameters[0];
        var oneMinusGamma = 1.0 - parameters[1];
        if (oneMinusGamma == 0.0)
        {
            return v0 * Math.Exp(a * t);
        }

        var basis = Math.Pow(v0, oneMinusGamma) + (oneMinusGamma * a * t);
        if (basis <= 0.0)
        {
            // Only reachable for gamma > 1 after the finite-time blow-up.
            return double.PositiveInfinity;
        }

        return Math.Pow(basis, 1.0 / oneMinusGamma);
    }
}
