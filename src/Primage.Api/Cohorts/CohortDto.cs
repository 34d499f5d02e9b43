namespace Primage.Api.Cohorts;

/// <summary>A cohort: its member twins and runs.</summary>
public sealed record CohortDto(string CohortId, IReadOnlyList<string> TwinIds, IReadOnlyList<string> RunIds, DateTimeOffset CreatedAt);
