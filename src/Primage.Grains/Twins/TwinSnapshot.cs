namespace Primage.Grains.Twins;

/// <summary>Everything a reader sees of a twin, in timeline order.</summary>
[GenerateSerializer, Immutable, Alias("primage.twin-snapshot.v1")]
public sealed record TwinSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] TwinProfile Profile,
    [property: Id(2)] IReadOnlyList<Observation> Observations,
    [property: Id(3)] IReadOnlyList<TherapyRecord> Therapies,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt);
