namespace Primage.Api.Cohorts;

/// <summary>A run's results aggregated per scenario, and each member's endpoints.</summary>
public sealed record CohortResultsDto(CohortProgressDto Progress, IReadOnlyList<ScenarioAggregateDto> Scenarios, IReadOnlyList<CohortMemberResultDto> Members);
