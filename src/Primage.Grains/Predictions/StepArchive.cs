namespace Primage.Grains.Predictions;

/// <summary>The archived documents of a step.</summary>
[GenerateSerializer, Immutable, Alias("primage.step-archive.v1")]
public sealed record StepArchive(
    [property: Id(0)] byte[] InputDocument,
    [property: Id(1)] byte[]? OutputDocument);
