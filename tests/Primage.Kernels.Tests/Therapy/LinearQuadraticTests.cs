using Primage.Kernels.Therapy;

namespace Primage.Kernels.Tests.Therapy;

public sealed class LinearQuadraticTests
{
    // Glioma values (Hathout 2016): alpha = 0.04/Gy, alpha/beta = 10 Gy.
    private const double Alpha = 0.04;
    private const double AlphaOverBeta = 10.0;

    [Fact]
    public void FiftyFourGyInThirtyFractionsGivesPublishedBedEqd2AndSurvival()
    {
        Assert.Equal(63.72, LinearQuadratic.BiologicallyEffectiveDose(30, 1.8, AlphaOverBeta), 1e-10);
        Assert.Equal(53.1, LinearQuadratic.EquivalentDoseIn2GyFractions(30, 1.8, AlphaOverBeta), 1e-10);
        // exp(-30 (0.072 + 0.01296)) = exp(-2.5488) = 0.078186; published to 4 decimals.
        Assert.Equal(0.0782, LinearQuadratic.SurvivingFraction(1.8, Alpha, AlphaOverBeta, 30), 4);
        Assert.Equal(Math.Exp(-2.5488), LinearQuadratic.SurvivingFraction(1.8, Alpha, AlphaOverBeta, 30), 1e-12);
    }

    [Fact]
    public void SixtyOnePointTwoGyInThirtyFourFractionsGivesPublishedBedEqd2AndSurvival()
    {
        // Published to one decimal (72.216 -> 72.2, 60.18 -> 60.2) and four (0.05567 -> 0.0557).
        Assert.Equal(72.2, LinearQuadratic.BiologicallyEffectiveDose(34, 1.8, AlphaOverBeta), 1);
        Assert.Equal(72.216, LinearQuadratic.BiologicallyEffectiveDose(34, 1.8, AlphaOverBeta), 1e-10);
        Assert.Equal(60.2, LinearQuadratic.EquivalentDoseIn2GyFractions(34, 1.8, AlphaOverBeta), 1);
        Assert.Equal(0.0557, LinearQuadratic.SurvivingFraction(1.8, Alpha, AlphaOverBeta, 34), 4);
    }

    [Fact]
    public void TwoGyFractionsHaveEqd2EqualToPhysicalDose()
    {
        Assert.Equal(60.0, LinearQuadratic.EquivalentDoseIn2GyFractions(30, 2.0, 3.0), 1e-12);
        Assert.Equal(60.0, LinearQuadratic.EquivalentDoseIn2GyFractions(30, 2.0, 10.0), 1e-12);
    }
}
