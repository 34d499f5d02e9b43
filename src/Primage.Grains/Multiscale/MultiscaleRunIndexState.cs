namespace Primage.Grains.Multiscale;

/// <summary>Stored state of one multiscale run index shard.</summary>
[GenerateSerializer, Alias("primage.multiscale-run-index-state.v1")]
public sealed class MultiscaleRunIndexState
{
    [Id(0)]
    public HashSet<string> RunKeys { get; set; } = new(StringComparer.Ordinal);
}
