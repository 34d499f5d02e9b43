namespace Primage.Grains.Twins;

/// <summary>Stored state of one twin watch index shard.</summary>
[GenerateSerializer, Alias("primage.twin-watch-index-state.v1")]
public sealed class TwinWatchIndexState
{
    [Id(0)]
    public HashSet<string> TwinIds { get; set; } = new(StringComparer.Ordinal);
}
