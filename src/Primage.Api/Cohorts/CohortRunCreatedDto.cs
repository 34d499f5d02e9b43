namespace Primage.Api.Cohorts;

/// <summary>The answer to a run request (202).</summary>
public sealed record CohortRunCreatedDto(string RunId);
