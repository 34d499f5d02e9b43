namespace Primage.Api.Cohorts;

/// <summary>A run's progress: status "running" | "completed" | "cancelled"; done counts completed and failed members.</summary>
public sealed record CohortProgressDto(string CohortId, string RunId, string Status, int Total, int Done, int Failed, int InFlight, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);
