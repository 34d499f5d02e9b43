namespace Primage.Kernels.Growth;

/// <summary>
/// Gompertz growth in the V0-independent ("reduced") form, with V in mL:
///   dV/dt = V (alpha - beta ln V),
/// equivalently dV/dt = beta V ln(K/V) with plateau K = e^(alpha/beta) mL. The textbook form
/// dV/dt = (alpha' - beta ln(V/V0)) V ties the rate to the volume at t = 0, so refitting after a new
/// scan or restarting after surgery would change the law; this form does not (alpha' = alpha - beta ln V0).
/// Closed form (ln V relaxes linearly towards alpha/beta):
///   ln V(t) = ln V0 e^(-beta t) + (alpha/beta)(1 - e^(-beta t)),
/// computed with (1 - e^(-beta t))/beta = -expm1(-beta t)/beta so that beta -> 0 gives exponential
/// growth at rate alpha without cancellation.
/// Parameters: alpha (1/day), the specific growth rate at V = 1 mL, bounds 1e-3 .. 2 /day; beta
/// (1/day), the rate at which the specific growth rate falls per e-fold of volume, bounds 1e-4 .. 0.5
/// /day. Example: alpha = 0.35, beta = 0.05 gives K = e^7 = 1097 mL.
/// </summary>
public sealed class GompertzGrowth : IGrowthModel
{
    private static readonly ModelParameter[] _parameters =
    [
        new("alpha", "1/day", "specific growth rate at V = 1 mL", 1e-3, 2.0),
        new("beta", "1/day", "decay of the specific growth rate per e-fold of volume; plateau K = exp(alpha/beta) mL", 1e-4, 0.5),
    ];

    public static GompertzGrowth Instance { get; } = new();

    public string Name => "gompertz";

    public IReadOnlyList<ModelParameter> Parameters => _parameters;

    public double Rate(double volume, ReadOnlySpan<double> parameters)
    {
        if (volume <= 0.0)
        {
            return 0.0;
        }

        return volume * (parameters[0] - (parameters[1] * Math.Log(volume)));
    }

    public double Evaluate(double v0, double t, ReadOnlySpan<double> parameters)
    {
        if (v0 <= 0.0)
        {
            return 0.0;
        }

        var alpha = parameters[0];
        var beta = parameters[1];
        var decay = Math.Exp(-beta * t);
        var logV = (Math.Log(v0) * decay) + (alpha * GrowthMath.Relaxation(beta, t));
        return Math.Exp(logV);
    }
}
