namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>Settings of <see cref="NeuroblastomaCoxTrainer"/>.</summary>
/// <param name="Seed">Seed of the fold assignment and the bootstrap. Default: 20260.</param>
/// <param name="Folds">Cross-validation folds. Default: 5.</param>
/// <param name="BootstrapResamples">Bootstrap resamples for the intervals. Default: 200.</param>
/// <param name="LambdaGrid">Ridge penalties tried. Default: 0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64.</param>
/// <param name="GridYears">Times at which baseline hazards are stored. Default: 0 to 5 years by 0.25.</param>
/// <param name="Repeats">Repeats of the cross-validation, each with its own seeded fold assignment. Default: 10.</param>
/// <param name="Designs">Candidate designs, simplest first (ties go to the earlier one). Default: the six below.</param>
public sealed record TrainingOptions(
    int Seed,
    int Folds,
    int BootstrapResamples,
    IReadOnlyList<double> LambdaGrid,
    IReadOnlyList<double> GridYears,
    int Repeats,
    IReadOnlyList<DesignCandidate> Designs)
{
    /// <summary>The defaults used for the stored model.</summary>
    public static TrainingOptions Default { get; } = new(
        20260,
        5,
        200,
        [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64],
        [.. Enumerable.Range(0, 21).Select(k => k * 0.25)],
        10,
        [
            new("base", []),
            new("base + stage 4 at >= 18 months", ["stage_4_age_ge_18_months"]),
            new("base + MYCN outside stage 4", ["mycn_amplified_not_stage_4"]),
            new("base + stage 4 at >= 18 months + MYCN outside stage 4", ["stage_4_age_ge_18_months", "mycn_amplified_not_stage_4"]),
            new("base + stage 4 at >= 18 months + MYCN outside stage 4 + MYCN unknown", ["stage_4_age_ge_18_months", "mycn_amplified_not_stage_4", "mycn_unknown"]),
            new("base + stage 4 at >= 18 months + MYCN outside stage 4 + age spline", ["stage_4_age_ge_18_months", "mycn_amplified_not_stage_4", "age_rcs_nonlinear"]),
        ]);
}
