using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Audit;
using Primage.Api.Http;
using Primage.Grains.Twins;

namespace Primage.Api.Security;

/// <summary>
/// Who may do what to which twin. The checks run in this order, so that a refusal never reveals
/// more than the caller may know: no usable token, 401; a role that may never do this, 403;
/// a twin that does not exist or belongs to a site the caller is not granted, 404 with the same
/// body as a missing twin.
/// </summary>
public static class TwinAccess
{
    /// <summary>The role table (docs/security.md shows it as a matrix).</summary>
    public static bool Allows(string role, TwinPermission permission) => role switch
    {
        Roles.Admin => true,
        Roles.Clinician => permission is TwinPermission.Read or TwinPermission.Write or TwinPermission.Predictions or TwinPermission.Scenarios,
        Roles.Integration => permission is TwinPermission.Write or TwinPermission.Ingest,
        Roles.Researcher => permission is TwinPermission.Predictions or TwinPermission.Scenarios,
        _ => false,
    };

    /// <summary>The 404 of a twin that is missing or not visible to the caller (one body for both).</summary>
    public static IResult TwinNotFound(string twinId) => Problems.NotFound($"No twin '{twinId}'.");

    public static IResult Unauthenticated() => Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid bearer token is required.");

    public static IResult Forbidden(string role) =>
        Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", $"The role '{role}' may not do this.");

    /// <summary>
    /// Null when the caller may use <paramref name="permission"/> on twin <paramref name="twinId"/>;
    /// otherwise the refusal. With <paramref name="mustExist"/> false, a twin that does not exist yet
    /// passes (PUT creates it; the handler then checks the body's site with <see cref="CheckSite"/>).
    /// </summary>
    public static async Task<IResult?> CheckAsync(HttpContext context, string twinId, TwinPermission permission, bool mustExist = true)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Unauthenticated();
        }

        if (!Allows(caller.Role, permission))
        {
            return Forbidden(caller.Role);
        }

        if (!TwinIds.IsValid(twinId))
        {
            return null; // the handler answers with its validation problem
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var twin = await grains.GetGrain<IPatientTwinGrain>(twinId).GetAsync();
        if (twin is null)
        {
            return mustExist ? TwinNotFound(twinId) : null;
        }

        return caller.HasSite(twin.Profile.Site) ? null : TwinNotFound(twinId);
    }

    /// <summary>
    /// Null when the caller may create or write a twin of <paramref name="site"/>; else 403 (the
    /// site is the caller's own input, so naming it reveals nothing).
    /// </summary>
    public static IResult? CheckSite(HttpContext context, string site)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Unauthenticated();
        }

        return caller.HasSite(site)
            ? null
            : Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "The token does not grant this site.", "site");
    }

    /// <summary>
    /// An endpoint filter for routes with an "{id}" twin parameter: checks access, runs the handler
    /// when allowed, and records the access with its outcome in the audit trail.
    /// </summary>
    public static TBuilder RequireTwinAccess<TBuilder>(this TBuilder builder, TwinPermission permission, bool mustExist = true)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var twinId = http.Request.RouteValues["id"] as string ?? "";
            var denied = await CheckAsync(http, twinId, permission, mustExist);
            var result = denied ?? await next(context);
            await AuditTrail.RecordAsync(http, twinId, StatusOf(result));
            return result;
        });
        return builder;
    }

    /// <summary>An endpoint filter that admits only the given roles (403 otherwise), for routes not bound to one twin.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (Caller.From(context.HttpContext.User) is not { } caller)
            {
                return Unauthenticated();
            }

            return caller.IsAdmin || roles.Contains(caller.Role) ? await next(context) : Forbidden(caller.Role);
        });
        return builder;
    }

    /// <summary>The status a handler's result will send (200 for plain values and streams).</summary>
    public static int StatusOf(object? result) => result switch
    {
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };
}
