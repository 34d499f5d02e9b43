namespace Primage.Kernels.Therapy;

/// <summary>
/// The linear-quadratic model of radiotherapy cell kill. For n fractions of dose d (Gy):
///   surviving fraction S = exp(-n (alpha d + beta d^2)), beta = alpha / (alpha/beta);
///   BED = n d (1 + d / (alpha/beta));   EQD2 = BED / (1 + 2 / (alpha/beta)).
/// Example (alpha = 0.04/Gy, alpha/beta = 10 Gy): 30 x 1.8 Gy gives BED 63.72 Gy, EQD2 53.1 Gy, S 0.0782.
/// </summary>
public static class LinearQuadratic
{
    /// <summary>Fraction of cells surviving <paramref name="fractions"/> fractions of <paramref name="dosePerFractionGy"/>, without regrowth.</summary>
    public static double SurvivingFraction(double dosePerFractionGy, double alphaPerGy, double alphaOverBetaGy, int fractions = 1)
        => Math.Exp(-fractions * LogKillPerFraction(dosePerFractionGy, alphaPerGy, alphaOverBetaGy));

    /// <summary>Biologically effective dose in Gy.</summary>
    public static double BiologicallyEffectiveDose(int fractions, double dosePerFractionGy, double alphaOverBetaGy)
        => fractions * dosePerFractionGy * (1.0 + (dosePerFractionGy / alphaOverBetaGy));

    /// <summary>Equivalent dose in 2-Gy fractions, in Gy.</summary>
    public static double EquivalentDoseIn2GyFractions(int fractions, double dosePerFractionGy, double alphaOverBetaGy)
        => BiologicallyEffectiveDose(fractions, dosePerFractionGy, alphaOverBetaGy) / (1.0 + (2.0 / alphaOverBetaGy));

    /// <summary>-ln S for one fraction: alpha d + beta d^2 with beta = alpha / (alpha/beta).</summary>
    public static double LogKillPerFraction(double dosePerFractionGy, double alphaPerGy, double alphaOverBetaGy)
        => alphaPerGy * dosePerFractionGy * (1.0 + (dosePerFractionGy / alphaOverBetaGy));
}
