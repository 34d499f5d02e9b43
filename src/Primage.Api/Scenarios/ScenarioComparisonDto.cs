namespace Primage.Api.Scenarios;

/// <summary>
/// Several scenarios side by side. commonRandomNumbers is true when all of them forked the same
/// prediction version and share its seed and posterior (the condition under which differences are
/// not Monte Carlo noise); method names how the differences were obtained: "paired-draws" (draw by
/// draw, every pair), "comonotone-quantiles" (from the quantiles, for scenarios forecast without
/// draws) or "mixed" (each difference names its own).
/// </summary>
public sealed record ScenarioComparisonDto(
    string TwinId,
    DateOnly Date,
    bool CommonRandomNumbers,
    string Method,
    IReadOnlyList<ScenarioColumnDto> Scenarios,
    IReadOnlyList<ScenarioDifferenceDto> Differences);
