using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Primage.Api.Security;

/// <summary>Bearer authentication, the /api gate, and per-client rate limits.</summary>
public static class SecurityExtensions
{
    public static IServiceCollection AddPrimageSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section);
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<SecurityOptions>, TokenIssuer>((jwt, security, issuer) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = security.Value.Issuer,
                    ValidAudience = security.Value.Audience,
                    IssuerSigningKey = issuer.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = PrimageClaims.Subject,
                    RoleClaimType = PrimageClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var security = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                var key = Caller.From(http.User)?.Subject is { } subject
                    ? "sub:" + subject
                    : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(security.RateLimitWindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds))
                    : context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RateLimitWindowSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Authentication, then the gate (everything under /api needs a valid token with a known
    /// role: 401 otherwise), then the rate limiter partitioned by the authenticated subject.
    /// </summary>
    public static WebApplication UsePrimageSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && Caller.From(context.User) is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await TwinAccess.Unauthenticated().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
