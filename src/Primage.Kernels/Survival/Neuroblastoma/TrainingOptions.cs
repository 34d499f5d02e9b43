namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>Settings of <see cref="NeuroblastomaCoxTrainer"/>.</summary>
/// <param name="Seed">Seed of the fold assignment and the bootstrap. Default: 20260.</param>
/// <param name="Folds">Cross-validation folds for the penalty. Default: 5.</param>
/// <param name="BootstrapResamples">Bootstrap resamples for the intervals. Default: 200.</param>
/// <param name="LambdaGrid">Ridge penalties tried. Default: 0, 0.5, 1, 2, 4, 8, 16, 32, 64.</param>
/// <param name="GridYears">Times at which baseline hazards are stored. Default: 0 to 5 years by 0.25.</param>
public sealed record TrainingOptions(int Seed, int Folds, int BootstrapResamples, IReadOnlyList<double> LambdaGrid, IReadOnlyList<double> GridYears)
{
    /// <summary>The defaults used for the stored model.</summary>
    public static TrainingOptions Default { get; } = new(
        20260,
        5,
        200,
        [0, 0.5, 1, 2, 4, 8, 16, 32, 64],
        [.. Enumerable.Range(0, 21).Select(k => k * 0.25)]);
}
