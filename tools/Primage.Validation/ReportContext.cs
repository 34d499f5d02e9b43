namespace Primage.Validation;

/// <summary>Everything the report states besides the forecast points.</summary>
internal sealed record ReportContext(
    string File,
    string CommandLine,
    int SubjectCount,
    int RowCount,
    int DroppedRows,
    int Particles,
    long Seed,
    int Threads,
    IReadOnlyList<string> ModelNames,
    double ErrorSigma,
    double ErrorAlpha,
    IReadOnlyList<string> PublishedFindings,
    string? SequentialCost,
    double? EngineCostRatio,
    double? StepCostRatio,
    IReadOnlyList<int[]> EmIterations,
    IReadOnlyList<int> EmConverged,
    IReadOnlyList<(Primage.Kernels.Calibration.LogNormalPrior Naive, Primage.Kernels.Calibration.LogNormalPrior Em)> AllSubjectPriors,
    double PopulationFitSeconds,
    double ForecastSeconds);
