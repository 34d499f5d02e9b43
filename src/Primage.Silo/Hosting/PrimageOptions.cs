namespace Primage.Silo.Hosting;

/// <summary>The service's settings, section "Primage" (appsettings, environment variables such as
/// Primage__Storage__Provider, or the command line as --Primage:Storage:Provider=...).</summary>
public sealed class PrimageOptions
{
    public const string Section = "Primage";

    /// <summary>Where the embedded database and other files live. Default: "./data".</summary>
    public string DataDirectory { get; set; } = "./data";

    public PrimageStorageOptions Storage { get; set; } = new();

    public PrimageClusterOptions Cluster { get; set; } = new();
}
