using Primage.Api.Scenarios;

namespace Primage.Api.Cohorts;

/// <summary>Run scenarios (each with a scenarioId, a name and therapies as in the twin API) across the cohort, at most maxInFlight members at a time.</summary>
public sealed record CohortRunRequestDto(string? RunId, IReadOnlyList<ScenarioRequestDto>? Scenarios, int? MaxInFlight);
