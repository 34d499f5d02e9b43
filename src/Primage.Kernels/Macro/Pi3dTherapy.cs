namespace Primage.Kernels.Macro;

/// <summary>
/// Therapy for the proliferation-invasion model. Radiotherapy: on each fraction day u *= S with the
/// linear-quadratic surviving fraction S = exp(-(alpha d + beta d^2)), beta = alpha / (alpha/beta).
/// Chemotherapy: a kill term -k E(t) u, where each cycle adds <see cref="Pi3dChemoCourse.ExposurePerCycle"/>
/// to an exposure that decays as exp(-lambda t).
/// </summary>
public sealed record Pi3dTherapy(
    double AlphaPerGy,
    double AlphaOverBetaGy,
    IReadOnlyList<Pi3dRadiotherapyCourse> Radiotherapy,
    IReadOnlyList<Pi3dChemoCourse> Chemotherapy)
{
    public static Pi3dTherapy None { get; } = new(0.04, 10, [], []);

    /// <summary>Surviving fraction of one fraction of <paramref name="doseGy"/>.</summary>
    public double SurvivingFraction(double doseGy)
        => Math.Exp(-((AlphaPerGy * doseGy) + (AlphaPerGy / AlphaOverBetaGy * doseGy * doseGy)));
}
