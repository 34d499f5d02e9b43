using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Kernels.Tests.Survival;

public class NeuroblastomaEncodingTests
{
    private static double? Value(NeuroblastomaFeatures f, string column) => NeuroblastomaEncoding.Raw(f, [column])[0];

    [Fact]
    public void Base_columns_are_the_default_encoding()
    {
        var f = new NeuroblastomaFeatures(InssStage.Stage4, 30, true, null, false);

        Assert.Equal(NeuroblastomaEncoding.Raw(f), NeuroblastomaEncoding.Raw(f, NeuroblastomaEncoding.FeatureNames));
        Assert.Equal([0, 1, 0, 1, 2.5, 1, null, 0], NeuroblastomaEncoding.Raw(f));
    }

    [Theory]
    [InlineData(InssStage.Stage4, 30.0, 1.0)]
    [InlineData(InssStage.Stage4, 12.0, 0.0)]
    [InlineData(InssStage.Stage3, 30.0, 0.0)]
    [InlineData(InssStage.Stage3, null, 0.0)]
    [InlineData(InssStage.Stage4, null, null)]
    [InlineData(null, 12.0, 0.0)]
    [InlineData(null, 30.0, null)]
    public void Stage_4_at_18_months_is_missing_only_when_the_unknown_input_decides_it(InssStage? stage, double? ageMonths, double? expected) =>
        Assert.Equal(expected, Value(new NeuroblastomaFeatures(stage, ageMonths, false, false, false), "stage_4_age_ge_18_months"));

    [Theory]
    [InlineData(InssStage.Stage3, true, 1.0)]
    [InlineData(InssStage.Stage4, true, 0.0)]
    [InlineData(InssStage.Stage1, false, 0.0)]
    [InlineData(InssStage.Stage4, null, 0.0)]
    [InlineData(InssStage.Stage3, null, null)]
    [InlineData(null, false, 0.0)]
    [InlineData(null, true, null)]
    public void MYCN_outside_stage_4_is_missing_only_when_the_unknown_input_decides_it(InssStage? stage, bool? mycn, double? expected) =>
        Assert.Equal(expected, Value(new NeuroblastomaFeatures(stage, 30, mycn, false, false), "mycn_amplified_not_stage_4"));

    [Fact]
    public void MYCN_unknown_is_never_missing()
    {
        Assert.Equal(1.0, Value(new NeuroblastomaFeatures(null, null, null, null, null), "mycn_unknown"));
        Assert.Equal(0.0, Value(new NeuroblastomaFeatures(null, null, false, null, null), "mycn_unknown"));
    }

    [Fact]
    public void Age_spline_term_is_zero_below_the_first_knot_and_linear_beyond_the_last()
    {
        double Term(double years) => Value(new NeuroblastomaFeatures(null, years * 12, null, null, null), "age_rcs_nonlinear")!.Value;

        Assert.Equal(0.0, Term(0.25));
        Assert.True(Term(1.0) > 0);

        // Restricted: beyond the last knot (5 years) the term grows linearly in age (until the cap at 10 years).
        Assert.Equal(Term(7) - Term(6), Term(8) - Term(7), 9);
        Assert.Equal(Term(10), Term(12), 12);
    }

    [Fact]
    public void Unknown_column_names_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NeuroblastomaEncoding.Raw(new NeuroblastomaFeatures(null, null, null, null, null), ["tumour_volume"]));
}
