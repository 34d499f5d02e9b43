namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>
/// Design-matrix encoding of <see cref="NeuroblastomaFeatures"/> for the Cox model.
/// </summary>
/// <remarks>
/// Base columns (every design starts with these, in this order): stage 3, stage 4, stage 4S (indicators;
/// reference stage 1 or 2), age 18 months or older (indicator), age in years capped at 10, MYCN amplified,
/// clinically high risk, male. Optional columns a design may append (<see cref="OptionalColumns"/>):
/// stage_4_age_ge_18_months (INSS stage 4 at 18 months or older, the classic high-risk group);
/// mycn_amplified_not_stage_4 (MYCN amplification outside stage 4, so that its effect may differ by stage);
/// mycn_unknown (MYCN status not known; never missing itself); age_rcs_nonlinear (the non-linear term of a
/// restricted cubic spline of the capped age in years with knots fixed at 0.5, 1.5 and 5 years, Harrell's
/// parameterisation divided by (k3 - k1)^2; with age_years_capped_10 it makes a 3-knot spline).
/// An unknown input leaves its columns missing (a product column only when its value depends on the unknown
/// input); they are imputed with the training mean of the column (for indicators, the training prevalence), at
/// training and at prediction alike. The columns are then standardised with the training mean and standard
/// deviation so that one ridge penalty suits all.
/// </remarks>
public static class NeuroblastomaEncoding
{
    /// <summary>Days per month used to convert ages (365.25 / 12).</summary>
    public const double DaysPerMonth = 365.25 / 12.0;

    /// <summary>Knots of the age spline, years.</summary>
    private static readonly double[] _ageKnots = [0.5, 1.5, 5.0];

    /// <summary>The base column names, in order (the first columns of every design).</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["stage_3", "stage_4", "stage_4s", "age_ge_18_months", "age_years_capped_10", "mycn_amplified", "high_risk", "male"];

    /// <summary>Column names a design may append to <see cref="FeatureNames"/>.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } =
        ["stage_4_age_ge_18_months", "mycn_amplified_not_stage_4", "mycn_unknown", "age_rcs_nonlinear"];

    /// <summary>The raw (unstandardised) base columns; null where the input is unknown.</summary>
    public static double?[] Raw(NeuroblastomaFeatures features) => Raw(features, FeatureNames);

    /// <summary>The raw (unstandardised) columns named in <paramref name="columns"/>; null where the input is unknown.</summary>
    public static double?[] Raw(NeuroblastomaFeatures features, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(c => Column(features, c))];
    }

    private static double? Column(NeuroblastomaFeatures features, string column)
    {
        static double? Indicator(bool? b) => b is { } v ? (v ? 1.0 : 0.0) : null;
        var stage = features.Stage;
        var age = features.AgeAtDiagnosisMonths;
        var mycn = features.MycnAmplified;
        return column switch
        {
            "stage_3" => stage is { } s3 ? (s3 == InssStage.Stage3 ? 1 : 0) : null,
            "stage_4" => stage is { } s4 ? (s4 == InssStage.Stage4 ? 1 : 0) : null,
            "stage_4s" => stage is { } s4s ? (s4s == InssStage.Stage4S ? 1 : 0) : null,
            "age_ge_18_months" => age is { } a1 ? (a1 >= 18.0 ? 1 : 0) : null,
            "age_years_capped_10" => age is { } a2 ? CappedYears(a2) : null,
            "mycn_amplified" => Indicator(mycn),
            "high_risk" => Indicator(features.HighRisk),
            "male" => Indicator(features.Male),
            "stage_4_age_ge_18_months" => (stage, age) switch
            {
                ({ } s, _) when s != InssStage.Stage4 => 0,
                (InssStage.Stage4, { } a) => a >= 18.0 ? 1 : 0,
                (null, { } a) when a < 18.0 => 0,
                _ => null,
            },
            "mycn_amplified_not_stage_4" => (stage, mycn) switch
            {
                (InssStage.Stage4, _) => 0,
                (_, false) => 0,
                ({ }, true) => 1,
                _ => null,
            },
            "mycn_unknown" => mycn is null ? 1 : 0,
            "age_rcs_nonlinear" => age is { } a3 ? SplineTerm(CappedYears(a3)) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(column), $"Unknown column {column}."),
        };
    }

    private static double CappedYears(double months) => Math.Min(months / 12.0, 10.0);

    private static double SplineTerm(double x)
    {
        static double Cube(double v) => v > 0 ? v * v * v : 0.0;
        var (k1, k2, k3) = (_ageKnots[0], _ageKnots[1], _ageKnots[2]);
        var term = Cube(x - k1) - (Cube(x - k2) * (k3 - k1) / (k3 - k2)) + (Cube(x - k3) * (k2 - k1) / (k3 - k2));
        return term / ((k3 - k1) * (k3 - k1));
    }
}
