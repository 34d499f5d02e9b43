using Primage.Api.Predictions;
using Primage.Api.Twins.Contracts;

namespace Primage.Api.Scenarios;

/// <summary>
/// A scenario: status "pending" | "running" | "completed" | "failed", the twin's prediction version
/// whose posterior it forked (null when the twin had none yet), the seed it shares with the twin's
/// other scenarios of that version, its plan, and its prediction once completed.
/// </summary>
public sealed record ScenarioDto(
    string ScenarioId,
    string Name,
    string Status,
    int? BasedOnVersion,
    long Seed,
    IReadOnlyList<TherapyDto> Therapies,
    DateTimeOffset CreatedAt,
    string? Error,
    PredictionDto? Prediction);
