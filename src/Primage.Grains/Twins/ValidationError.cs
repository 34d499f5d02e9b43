namespace Primage.Grains.Twins;

/// <summary>A rejected field: its wire path (e.g. "tumourVolumeMl") and the reason.</summary>
[GenerateSerializer, Immutable, Alias("primage.validation-error.v1")]
public sealed record ValidationError(
    [property: Id(0)] string Field,
    [property: Id(1)] string Reason);
