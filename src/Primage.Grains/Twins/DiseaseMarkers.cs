namespace Primage.Grains.Twins;

/// <summary>
/// Disease markers, all optional. Strings hold the lower-case wire vocabulary checked by
/// <see cref="TwinValidator"/> (for example Alk "wild-type" | "mutated" | "amplified").
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.disease-markers.v1")]
public sealed record DiseaseMarkers(
    [property: Id(0)] bool? MycnAmplified = null,
    [property: Id(1)] string? Alk = null,
    [property: Id(2)] string? Histology = null,
    [property: Id(3)] string? Grade = null,
    [property: Id(4)] string? H3K27M = null)
{
    public static DiseaseMarkers None { get; } = new();
}
