namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>
/// Design-matrix encoding of <see cref="NeuroblastomaFeatures"/> for the Cox model.
/// </summary>
/// <remarks>
/// Eight columns: stage 3, stage 4, stage 4S (indicators; reference stage 1 or 2), age 18 months or older
/// (indicator), age in years capped at 10, MYCN amplified, clinically high risk, male.
/// An unknown input leaves its columns missing; they are imputed with the training mean of the column
/// (for indicators, the training prevalence), at training and at prediction alike. The columns are then
/// standardised with the training mean and standard deviation so that one ridge penalty suits all.
/// </remarks>
public static class NeuroblastomaEncoding
{
    /// <summary>Days per month used to convert ages (365.25 / 12).</summary>
    public const double DaysPerMonth = 365.25 / 12.0;

    /// <summary>Column names, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["stage_3", "stage_4", "stage_4s", "age_ge_18_months", "age_years_capped_10", "mycn_amplified", "high_risk", "male"];

    /// <summary>The raw (unstandardised) columns; null where the input is unknown.</summary>
    public static double?[] Raw(NeuroblastomaFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        double? Indicator(bool? b) => b is { } v ? (v ? 1.0 : 0.0) : null;
        var stage = features.Stage;
        var age = features.AgeAtDiagnosisMonths;
        return
        [
            stage is { } s3 ? (s3 == InssStage.Stage3 ? 1 : 0) : null,
            stage is { } s4 ? (s4 == InssStage.Stage4 ? 1 : 0) : null,
            stage is { } s4s ? (s4s == InssStage.Stage4S ? 1 : 0) : null,
            age is { } a1 ? (a1 >= 18.0 ? 1 : 0) : null,
            age is { } a2 ? Math.Min(a2 / 12.0, 10.0) : null,
            Indicator(features.MycnAmplified),
            Indicator(features.HighRisk),
            Indicator(features.Male),
        ];
    }
}
