namespace Primage.Api.Cohorts;

/// <summary>One member's outcome and its numeric endpoints (flattened paths, e.g. "nadir.volumeMl.q50").</summary>
public sealed record CohortMemberResultDto(string TwinId, string ScenarioId, string Status, IReadOnlyDictionary<string, double> Endpoints);
