using Primage.Grains.Predictions;
using Primage.Grains.Twins;

namespace Primage.Grains.Scenarios;

/// <summary>The persisted state of a scenario (storage "twins"); fields are only ever added.</summary>
[GenerateSerializer, Alias("primage.scenario-state.v1")]
public sealed class ScenarioState
{
    [Id(0)]
    public string? Name { get; set; }

    [Id(1)]
    public List<TherapyRecord> Therapies { get; set; } = [];

    [Id(2)]
    public int? BasedOnVersion { get; set; }

    [Id(3)]
    public ScenarioStatus Status { get; set; }

    [Id(4)]
    public string StepId { get; set; } = "";

    [Id(5)]
    public long Seed { get; set; }

    [Id(6)]
    public DateOnly Origin { get; set; }

    [Id(7)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(8)]
    public Prediction? Prediction { get; set; }

    [Id(9)]
    public string? Error { get; set; }

    [Id(10)]
    public string? CohortRunKey { get; set; }
}
