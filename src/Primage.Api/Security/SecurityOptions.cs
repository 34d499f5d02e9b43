namespace Primage.Api.Security;

/// <summary>Authentication and rate-limit settings, section "Primage:Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Primage:Security";

    /// <summary>
    /// The HMAC-SHA256 signing key of the bearer tokens, base64, at least 32 bytes once decoded.
    /// Default: none, in which case a random key is generated once into
    /// {DataDirectory}/<see cref="KeyFileName"/> and used from then on.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The "iss" the service issues and accepts. Default: "primage".</summary>
    public string Issuer { get; set; } = "primage";

    /// <summary>The "aud" the service issues and accepts. Default: "primage-api".</summary>
    public string Audience { get; set; } = "primage-api";

    /// <summary>Requests one client (token subject, or IP address without a token) may make per window. Default: 600.</summary>
    public int RateLimitPermits { get; set; } = 600;

    /// <summary>The rate-limit window in seconds. Default: 60.</summary>
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>Largest FHIR bundle accepted, in bytes. Default: 1,048,576 (1 MiB).</summary>
    public int MaxFhirBodyBytes { get; set; } = 1024 * 1024;

    public const string KeyFileName = "signing-key";

    /// <summary>Shortest accepted key, in bytes (the HMAC-SHA256 output size).</summary>
    public const int MinKeyBytes = 32;
}
