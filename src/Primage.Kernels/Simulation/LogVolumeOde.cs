using Primage.Kernels.Growth;
using Primage.Kernels.Ode;

namespace Primage.Kernels.Simulation;

/// <summary>
/// The treated course in u = ln V inside one chemotherapy segment (no cycle start in between):
///   du/dt = f(e^u; p) / e^u - S sum_c A_c e^(-lambda_c (t - b)),
/// with S the patient's chemo sensitivity, A_c = k_c E_c(b) the nominal kill amplitudes at the segment
/// start b. Working in ln V keeps V positive through kills of many orders of magnitude and turns the
/// absolute tolerance on u into a relative tolerance on V.
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
        var volume = Math.Exp(y);
        var growth = volume > 0.0 ? Model.Rate(volume, Parameters) / volume : 0.0;
        var kill = 0.0;
        for (var c = 0; c < Amplitudes.Length; c++)
        {
            kill += Amplitudes[c] * Math.Exp(-Lambdas[c] * (t - SegmentStart));
        }

        return growth - (Sensitivity * kill);
    }
}
