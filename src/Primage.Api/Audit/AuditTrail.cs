using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Security;
using Primage.Grains.Audit;
using Primage.Grains.Twins;

namespace Primage.Api.Audit;

/// <summary>Records accesses to twins: who, which twin, the route's action, the outcome, when.</summary>
public static class AuditTrail
{
    /// <summary>
    /// Appends one entry for the current request (action: the method and route pattern, e.g.
    /// "GET /api/twins/{id}", so no values from the path or body reach the trail).
    /// </summary>
    public static Task RecordAsync(HttpContext context, string twinId, int status, string? action = null)
    {
        if (!TwinIds.IsValid(twinId) || Caller.From(context.User) is not { } caller)
        {
            return Task.CompletedTask;
        }

        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        action ??= $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value}";
        var entry = new AuditEntry(now, twinId, caller.Subject, caller.Role, action, status);
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        return grains.GetGrain<IAuditGrain>(AuditKeys.For(twinId, DateOnly.FromDateTime(now.UtcDateTime))).AppendAsync(entry);
    }
}
