namespace Primage.Api.Cohorts;

/// <summary>Create a cohort from existing twins (or add members).</summary>
public sealed record CohortCreateDto(IReadOnlyList<string>? TwinIds);
