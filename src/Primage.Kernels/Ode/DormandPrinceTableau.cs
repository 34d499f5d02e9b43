namespace Primage.Kernels.Ode;

/// <summary>
/// The Dormand-Prince 5(4) Butcher tableau (Dormand and Prince 1980; Hairer, Norsett and Wanner,
/// Solving ODEs I, table 5.2). Stage i is evaluated at t + c_i h with
/// y_i = y + h sum_j a_ij k_j; the 5th-order solution uses b = row 7 of a (first same as last: k7 of
/// one step is k1 of the next), and E = b - b_hat gives the embedded 4th-order error estimate.
/// </summary>
internal static class DormandPrinceTableau
{
    public const double C2 = 1.0 / 5.0;
    public const double C3 = 3.0 / 10.0;
    public const double C4 = 4.0 / 5.0;
    public const double C5 = 8.0 / 9.0;

    public const double A21 = 1.0 / 5.0;

    public const double A31 = 3.0 / 40.0;
    public const double A32 = 9.0 / 40.0;

    public const double A41 = 44.0 / 45.0;
    public const double A42 = -56.0 / 15.0;
    public const double A43 = 32.0 / 9.0;

    public const double A51 = 19372.0 / 6561.0;
    public const double A52 = -25360.0 / 2187.0;
    public const double A53 = 64448.0 / 6561.0;
    public const double A54 = -212.0 / 729.0;

    public const double A61 = 9017.0 / 3168.0;
    public const double A62 = -355.0 / 33.0;
    public const double A63 = 46732.0 / 5247.0;
    public const double A64 = 49.0 / 176.0;
    public const double A65 = -5103.0 / 18656.0;

    public const double A71 = 35.0 / 384.0;
    public const double A73 = 500.0 / 1113.0;
    public const double A74 = 125.0 / 192.0;
    public const double A75 = -2187.0 / 6784.0;
    public const double A76 = 11.0 / 84.0;

    public const double E1 = 71.0 / 57600.0;
    public const double E3 = -71.0 / 16695.0;
    public const double E4 = 71.0 / 1920.0;
    public const double E5 = -17253.0 / 339200.0;
    public const double E6 = 22.0 / 525.0;
    public const double E7 = -1.0 / 40.0;

    /// <summary>Safety factor and step-ratio limits of the elementary controller h_new = h * 0.9 * err^(-1/5).</summary>
    public const double Safety = 0.9;
    public const double MinFactor = 0.2;
    public const double MaxFactor = 10.0;
}
