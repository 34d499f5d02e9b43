namespace Primage.Kernels.Growth;

/// <summary>
/// Exponential-linear growth (Simeoni's law in its sharp-switch limit): dV/dt = min(a0 V, a1).
/// Exponential at rate a0 while V &lt; a1/a0, then linear at a1 mL/day. Closed form, with the switch at
/// tau = ln(a1 / (a0 V0)) / a0 (tau = 0 when V0 already exceeds a1/a0):
///   V(t) = V0 e^(a0 t) for t &lt; tau;  V(t) = a1/a0 + a1 (t - tau) for t &gt;= tau,
/// and V0 + a1 t when V0 &gt;= a1/a0.
/// Parameters: a0 (1/day), bounds 1e-3 .. 1; a1 (mL/day), bounds 1e-4 .. 50.
/// </summary>
public sealed class ExponentialLinearGrowth : IGrowthModel
{
    private static readonly ModelParameter[] _parameters =
    [
        new("a0", "1/day", "exponential rate of the early phase", 1e-3, 1.0),
        new("a1", "mL/day", "linear growth rate of the late phase", 1e-4, 50.0),
    ];

    public static ExponentialLinearGrowth Instance { get; } = new();

    public string Name => "exponential-linear";

    public IReadOnlyList<ModelParameter> Parameters => _parameters;

    public double Rate(double volume, ReadOnlySpan<double> parameters)
    {
        if (volume <= 0.0)
        {
            return 0.0;
        }

        return Math.Min(parameters[0] * volume, parameters[1]);
    }

    public double Evaluate(double v0, double t, ReadOnlySpan<double> parameters)
    {
        var a0 = parameters[0];
        var a1 = parameters[1];
        var switchVolume = a1 / a0;
        if (v0 >= switchVolume)
        {
            return v0 + (a1 * t);
        }

        var tau = Math.Log(switchVolume / v0) / a0;
        if (t < tau)
        {
            return v0 * Math.Exp(a0 * t);
        }

        return switchVolume + (a1 * (t - tau));
    }
}
