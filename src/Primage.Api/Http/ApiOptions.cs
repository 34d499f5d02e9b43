namespace Primage.Api.Http;

/// <summary>HTTP API settings, section "Primage:Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Primage:Api";

    /// <summary>Largest JSON request body accepted, in bytes. Default: 65,536 (64 KiB).</summary>
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;
}
