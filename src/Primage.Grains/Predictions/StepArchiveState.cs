namespace Primage.Grains.Predictions;

/// <summary>Persisted documents of one step.</summary>
[GenerateSerializer, Alias("primage.step-archive-state.v1")]
public sealed class StepArchiveState
{
    [Id(0)]
    public byte[]? InputDocument { get; set; }

    [Id(1)]
    public byte[]? OutputDocument { get; set; }
}
