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
    double PopulationFitSeconds,
    double ForecastSeconds);
