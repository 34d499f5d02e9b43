using Primage.Grains.Predictions;
using Primage.Grains.Twins;

namespace Primage.Grains.Scenarios;

/// <summary>A scenario as readers see it.</summary>
[GenerateSerializer, Immutable, Alias("primage.scenario-view.v1")]
public sealed record ScenarioView(
    [property: Id(0)] string TwinId,
    [property: Id(1)] string ScenarioId,
    [property: Id(2)] string Name,
    [property: Id(3)] ScenarioStatus Status,
    [property: Id(4)] int? BasedOnVersion,
    [property: Id(5)] IReadOnlyList<TherapyRecord> Therapies,
    [property: Id(6)] long Seed,
    [property: Id(7)] string StepId,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] Prediction? Prediction,
    [property: Id(10)] string? Error);
