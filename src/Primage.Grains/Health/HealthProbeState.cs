namespace Primage.Grains.Health;

/// <summary>Empty state: the probe only proves the storage round trip.</summary>
[GenerateSerializer, Alias("primage.health-probe-state.v1")]
public sealed class HealthProbeState
{
    [Id(0)]
    public int Reads { get; set; }
}
