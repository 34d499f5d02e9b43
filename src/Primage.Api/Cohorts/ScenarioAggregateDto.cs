namespace Primage.Api.Cohorts;

/// <summary>A scenario's results over the cohort.</summary>
public sealed record ScenarioAggregateDto(string ScenarioId, string Name, int Completed, int Failed, IReadOnlyList<EndpointSummaryDto> Endpoints);
