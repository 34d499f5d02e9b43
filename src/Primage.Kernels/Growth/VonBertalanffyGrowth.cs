namespace Primage.Kernels.Growth;

/// <summary>
/// Von Bertalanffy growth: dV/dt = a V^(2/3) - b V (surface-limited proliferation, volume-proportional loss),
///   V(t)^(1/3) = V0^(1/3) e^(-b t/3) + (a/b)(1 - e^(-b t/3)),
/// which tends to the plateau (a/b)^3 and, as b -> 0, to V0^(1/3) + a t / 3.
/// Parameters: a (mL^(1/3)/day), bounds 1e-3 .. 5; b (1/day), bounds 1e-4 .. 1.
/// </summary>
public sealed class VonBertalanffyGrowth : IGrowthModel
{
    private static readonly ModelParameter[] _parameters =
    [
        new("a", "mL^(1/3)/day", "surface-limited growth coefficient", 1e-3, 5.0),
        new("b", "1/day", "volume-proportional loss rate; plateau (a/b)^3 mL", 1e-4, 1.0),
    ];

    public static VonBertalanffyGrowth Instance { get; } = new();

    public string Name => "von-bertalanffy";

    public IReadOnlyList<ModelParameter> Parameters => _parameters;

    public double Rate(double volume, ReadOnlySpan<double> parameters)
    {
        if (volume <= 0.0)
        {
            return 0.0;
        }

        var cbrt = Math.Cbrt(volume);
        return (parameters[0] * cbrt * cbrt) - (parameters[1] * volume);
    }

    public double Evaluate(double v0, double t, ReadOnlySpan<double> parameters)
    {
        var a = parameters[0];
        var b = parameters[1];
        var third = b / 3.0;
        // (a/b)(1 - e^(-b t/3)) = (a/3) (1 - e^(-(b/3) t)) / (b/3)
        var cbrt = (Math.Cbrt(v0) * Math.Exp(-third * t)) + (a / 3.0 * GrowthMath.Relaxation(third, t));
        return cbrt * cbrt * cbrt;
    }
}
