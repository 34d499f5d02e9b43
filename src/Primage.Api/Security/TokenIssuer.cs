using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Primage.Api.Security;

/// <summary>Issues signed bearer tokens accepted by this service (the "token" command and tests use it).</summary>
public sealed class TokenIssuer(IOptions<SecurityOptions> options, IConfiguration configuration, TimeProvider time)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => SigningKeys.Resolve(options.Value, configuration));

    public SymmetricSecurityKey Key => _key.Value;

    /// <summary>A token for <paramref name="subject"/> with one role and the given sites, valid for <paramref name="lifetime"/>.</summary>
    public string Issue(string subject, string role, IReadOnlyList<string> sites, TimeSpan lifetime)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; one of: {string.Join(", ", Roles.All)}.", nameof(role));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [PrimageClaims.Subject] = subject,
            [PrimageClaims.Role] = role,
        };
        if (sites.Count > 0)
        {
            claims[PrimageClaims.Site] = sites.Count == 1 ? sites[0] : sites.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
