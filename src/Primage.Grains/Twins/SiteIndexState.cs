namespace Primage.Grains.Twins;

/// <summary>Persisted twin ids of a site, in creation order.</summary>
[GenerateSerializer, Alias("primage.site-index-state.v1")]
public sealed class SiteIndexState
{
    [Id(0)]
    public List<string> TwinIds { get; set; } = [];
}
