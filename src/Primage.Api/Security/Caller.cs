using System.Security.Claims;

namespace Primage.Api.Security;

/// <summary>Who is calling, from the validated token: subject, role and granted sites.</summary>
public sealed record Caller(string Subject, string Role, IReadOnlyList<string> Sites)
{
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Admins act on every site; everyone else on the sites in their token.</summary>
    public bool HasSite(string site) => IsAdmin || Sites.Contains(site, StringComparer.Ordinal);

    /// <summary>The caller of an authenticated request with a known role, or null.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var role = user.FindFirst(PrimageClaims.Role)?.Value;
        var subject = user.FindFirst(PrimageClaims.Subject)?.Value;
        if (role is null || subject is null || !Roles.All.Contains(role))
        {
            return null;
        }

        return new Caller(subject, role, [.. user.FindAll(PrimageClaims.Site).Select(c => c.Value)]);
    }
}
