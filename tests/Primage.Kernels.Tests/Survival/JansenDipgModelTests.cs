using Primage.Kernels.Survival.Dipg;

namespace Primage.Kernels.Tests.Survival;

public class JansenDipgModelTests
{
    // Synthetic parameters that only exercise the formula; they are NOT the published ones (blocked, see the model card).
    private static readonly JansenCoefficients _synthetic = new(
        AgeOverThreeYears: 0.6,
        SymptomDurationPerMonth: -0.1,
        RingEnhancement: 0.4,
        Chemotherapy: -0.5,
        ShrinkageFactor: 0.8,
        BaselineSurvival12Months: 0.6,
        Categories: [new("standard", 0.5, 13.7), new("high", 0.7, 9.7), new("very high", 1.0, 7.0)],
        Citation: "synthetic test values");

    [Fact]
    public void Twelve_month_survival_is_baseline_to_the_power_of_the_shrunken_hazard_ratio()
    {
        var p = JansenDipgModel.Predict(_synthetic, new DipgFeatures(24, 3, true, true));

        // sum = 0 (age <= 36 months) - 0.3 (3 months) + 0.4 (ring) - 0.5 (chemo) = -0.4; eta = 0.8 * -0.4.
        Assert.Equal(-0.32, p.LinearPredictor, 12);
        Assert.Equal(Math.Pow(0.6, Math.Exp(-0.32)), p.Survival12Months, 12);
        Assert.Equal(1 - Math.Pow(0.6, Math.Exp(-0.32)), p.ProbabilityOfDeath12Months, 12);
        Assert.Equal("standard", p.Category.Name);
    }

    [Fact]
    public void Older_child_with_short_symptoms_ring_and_no_chemotherapy_is_in_the_worst_category()
    {
        var p = JansenDipgModel.Predict(_synthetic, new DipgFeatures(84, 0.5, true, false));

        // sum = 0.6 - 0.05 + 0.4 = 0.95; eta = 0.76; P(death) = 1 - 0.6^exp(0.76) = 0.664 -> "high".
        Assert.Equal(0.76, p.LinearPredictor, 12);
        Assert.Equal("high", p.Category.Name);
    }

    [Fact]
    public void Relative_hazard_multiplies_the_reported_hazard_ratios()
    {
        // 1.95 (age > 3 years) * 0.92^2 (2 months) * 1.41 (ring) * 1 (no chemotherapy).
        Assert.Equal(1.95 * 0.92 * 0.92 * 1.41, JansenDipgModel.RelativeHazard(new DipgFeatures(84, 2, true, false))!.Value, 12);
        Assert.Equal(0.65, JansenDipgModel.RelativeHazard(new DipgFeatures(30, 0, false, true))!.Value, 12);
        Assert.Null(JansenDipgModel.RelativeHazard(new DipgFeatures(84, null, true, false)));
    }

    [Fact]
    public void Published_coefficients_are_absent_rather_than_invented()
    {
        Assert.Null(JansenDipgModel.Published);
        Assert.Contains("not invented", JansenDipgModel.BlockedReason, StringComparison.Ordinal);
    }
}
