namespace Primage.Grains.Cohorts;

/// <summary>Persisted cohort (storage "twins").</summary>
[GenerateSerializer, Alias("primage.cohort-state.v1")]
public sealed class CohortState
{
    [Id(0)]
    public List<string> TwinIds { get; set; } = [];

    [Id(1)]
    public List<string> RunIds { get; set; } = [];

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }
}
