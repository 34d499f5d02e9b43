namespace Primage.Kernels.Growth;

/// <summary>
/// Small numerical helpers shared by the closed forms. .NET's double.ExpM1 is computed as
/// Math.Exp(x) - 1, which loses every digit for small x, so the relaxation factor
/// (1 - e^(-b t)) / b that Gompertz and von Bertalanffy need is computed here with Kahan's
/// expm1 trick: u = e^x, expm1(x) = (u - 1) x / ln u, exact to a few ulps.
/// </summary>
internal static class GrowthMath
{
    /// <summary>e^x - 1 without cancellation for small |x|.</summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        if (um1 == -1.0)
        {
            return -1.0;
        }

        return um1 * x / Math.Log(u);
    }

    /// <summary>(1 - e^(-b t)) / b, which tends to t as b tends to 0.</summary>
    public static double Relaxation(double b, double t)
    {
        if (b == 0.0)
        {
            return t;
        }

        return -ExpM1(-b * t) / b;
    }
}
