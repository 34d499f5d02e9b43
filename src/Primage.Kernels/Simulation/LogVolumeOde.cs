using Primage.Kernels.Growth;
using Primage.Kernels.Ode;

namespace Primage.Kernels.Simulation;

/// <summary>
/// The treated course inside one chemotherapy segment (no cycle start in between), written for the
/// integrator in a shifted log volume. With u = ln V, g(u) = f(e^u; p) / e^u the specific growth rate,
/// S the chemo sensitivity and A_c = k_c E_c(b) the nominal kill amplitudes at the segment start b:
///   du/dt = g(u) - S kappa(t),   kappa(t) = sum_c A_c e^(-lambda_c (t - b)).
/// The kill is a known function of time with a closed-form integral
///   K(t) = integral_b^t kappa = sum_c A_c (1 - e^(-lambda_c (t - b))) / lambda_c,
/// so the solver integrates w = u + S K(t) instead:
///   dw/dt = g(w - S K(t)).
/// This is the same ODE, exactly; but the rapidly varying kill enters only through g's dependence on u
/// (|dg/du| is small for tumour growth laws: beta for Gompertz, zero for exponential growth), so the
/// high derivatives that limit the step size shrink by that factor and DOPRI5 takes far fewer steps.
/// Working in ln V keeps V positive through kills of many orders of magnitude and makes the absolute
/// tolerance on w a relative tolerance on V.
/// </summary>
internal ref struct LogVolumeOde : IScalarOde
{
    public IGrowthModel Model;
    public ReadOnlySpan<double> Parameters;
    public ReadOnlySpan<double> Amplitudes;
    public ReadOnlySpan<double> Lambdas;
    public double SegmentStart;
    public double Sensitivity;

    public readonly double Derivative(double t, double y)
    {
        var volume = Math.Exp(y - (Sensitivity * CumulativeKill(t)));
        return volume > 0.0 ? Model.Rate(volume, Parameters) / volume : 0.0;
    }

    /// <summary>K(t): the nominal ln-volume removed by chemotherapy since the segment start.</summary>
    public readonly double CumulativeKill(double t)
    {
        var sum = 0.0;
        for (var c = 0; c < Amplitudes.Length; c++)
        {
            // (1 - e^(-x)) / lambda; for the small x of the first stages the absolute error of 1 - e^(-x)
            // is one rounding, which is all the shift needs (it is subtracted back exactly the same way).
            sum += Amplitudes[c] * (1.0 - Math.Exp(-Lambdas[c] * (t - SegmentStart))) / Lambdas[c];
        }

        return sum;
    }
}
