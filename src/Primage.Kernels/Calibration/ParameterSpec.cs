namespace Primage.Kernels.Calibration;

/// <summary>A positive calibrated parameter with the natural-scale bounds a posterior may explore.</summary>
public sealed record ParameterSpec(string Name, string Unit, double Lower, double Upper)
{
    /// <summary>ln(Lower): the engine works in log space.</summary>
    public double LogLower => Math.Log(Lower);

    /// <summary>ln(Upper).</summary>
    public double LogUpper => Math.Log(Upper);
}
