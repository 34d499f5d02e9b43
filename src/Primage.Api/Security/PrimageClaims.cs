namespace Primage.Api.Security;

/// <summary>Claim types of Primage tokens (kept as written: inbound claim mapping is off).</summary>
public static class PrimageClaims
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>A site code the caller may act on; repeated for researchers granted several sites.</summary>
    public const string Site = "site";
}
