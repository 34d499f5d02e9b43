using Primage.Api.Twins.Contracts;

namespace Primage.Api.Scenarios;

/// <summary>A what-if plan: a name and therapies exactly as in the twin API; scenarioId is optional (an idempotency key; generated when absent).</summary>
public sealed record ScenarioRequestDto(string? Name, IReadOnlyList<TherapyDto>? Therapies, string? ScenarioId = null);
