using Primage.Kernels.Survival.Dipg;

namespace Primage.Kernels.Tests.Survival;

public class JansenDipgModelTests
{
    // Synthetic parameters that only exercise the formula; they are NOT the published ones (blocked, see the model card).
    private static readonly JansenCoefficients _synthetic = new(
        AgeThreeYearsOrYounger: -1.0,
        SymptomDuration: [new(1.5, 0.0), new(double.PositiveInfinity, -0.5)],
        RingEnhancement: 0.7,
        OralChemotherapy: -0.3,
        IntravenousChemotherapy: -0.4,
        ShrinkageFactor: 0.8,
        BaselineSurvival12Months: 0.4,
        Categories: [new("standard", 0.5, 13.7), new("high", 0.7, 9.7), new("very high", 1.0, 7.0)],
        Citation: "synthetic test values");

    [Fact]
    public void Twelve_month_survival_is_baseline_to_the_power_of_the_shrunken_hazard_ratio()
    {
        var p = JansenDipgModel.Predict(_synthetic, new DipgFeatures(24, 2, true, DipgChemotherapy.Intravenous));

        // sum = -1 (age <= 36 months) - 0.5 (long symptoms) + 0.7 (ring) - 0.4 (IV) = -1.2; eta = 0.8 * -1.2.
        Assert.Equal(-0.96, p.LinearPredictor, 12);
        Assert.Equal(Math.Pow(0.4, Math.Exp(-0.96)), p.Survival12Months, 12);
        Assert.Equal(1 - Math.Pow(0.4, Math.Exp(-0.96)), p.ProbabilityOfDeath12Months, 12);
        Assert.Equal("standard", p.Category.Name);
    }

    [Fact]
    public void Older_child_with_short_symptoms_ring_and_no_chemotherapy_is_in_the_worst_category()
    {
        var p = JansenDipgModel.Predict(_synthetic, new DipgFeatures(84, 1, true, DipgChemotherapy.None));

        Assert.Equal(0.56, p.LinearPredictor, 12);
        Assert.Equal("very high", p.Category.Name);
    }

    [Fact]
    public void Published_coefficients_are_absent_rather_than_invented()
    {
        Assert.Null(JansenDipgModel.Published);
        Assert.Contains("not invented", JansenDipgModel.BlockedReason, StringComparison.Ordinal);
    }
}
