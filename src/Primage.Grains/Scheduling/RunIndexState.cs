namespace Primage.Grains.Scheduling;

/// <summary>Stored state of one run index shard.</summary>
[GenerateSerializer, Alias("primage.run-index-state.v1")]
public sealed class RunIndexState
{
    [Id(0)]
    public HashSet<string> StepIds { get; set; } = new(StringComparer.Ordinal);
}
