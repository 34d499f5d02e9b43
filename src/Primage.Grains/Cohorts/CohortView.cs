namespace Primage.Grains.Cohorts;

/// <summary>A cohort: its member twins and its runs.</summary>
[GenerateSerializer, Immutable, Alias("primage.cohort-view.v1")]
public sealed record CohortView(
    [property: Id(0)] string CohortId,
    [property: Id(1)] IReadOnlyList<string> TwinIds,
    [property: Id(2)] IReadOnlyList<string> RunIds,
    [property: Id(3)] DateTimeOffset CreatedAt);
