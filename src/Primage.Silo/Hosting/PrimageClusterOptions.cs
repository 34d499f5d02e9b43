namespace Primage.Silo.Hosting;

/// <summary>How this silo joins its cluster.</summary>
public sealed class PrimageClusterOptions
{
    /// <summary>Stable across deployments: stored grain state is keyed by it. Default: "primage".</summary>
    public string ServiceId { get; set; } = "primage";

    /// <summary>Silos with the same cluster id form one cluster. Default: "primage".</summary>
    public string ClusterId { get; set; } = "primage";

    /// <summary>Silo-to-silo port. Default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port. Default: 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (multi-silo). Default: 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}
