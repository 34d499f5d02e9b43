using Primage.Grains.Twins;

namespace Primage.Grains.Cohorts;

/// <summary>One plan run for every member of a cohort; therapy dates are absolute, as in the twin API.</summary>
[GenerateSerializer, Immutable, Alias("primage.cohort-scenario.v1")]
public sealed record CohortScenario(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<TherapyRecord> Therapies);
