using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Grains.Audit;
using Primage.Grains.Twins;

namespace Primage.Api.Audit;

/// <summary>GET /api/audit: the audit trail of one twin over a date range, for admins.</summary>
public static class AuditEndpoints
{
    /// <summary>Longest range one request may span, in days (one grain read per day).</summary>
    public const int MaxDays = 366;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/audit", GetAudit)
            .WithTags("Audit")
            .WithName("GetAudit")
            .WithSummary("Admins: who read or wrote a twin, what, when and with which outcome. from/to are UTC dates (default: the last 30 days); skip/take page through the entries, oldest first.")
            .RequireRoles(Roles.Admin)
            .Produces<AuditPageDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return routes;
    }

    private static async Task<IResult> GetAudit(string? twinId, DateOnly? from, DateOnly? to, int? skip, int? take, IGrainFactory grains, TimeProvider time)
    {
        if (twinId is null || !TwinIds.IsValid(twinId))
        {
            return Problems.Validation("twinId", "is required: 1-64 letters, digits, '-' or '_'");
        }

        var last = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(-30);
        if (first > last || last.DayNumber - first.DayNumber >= MaxDays)
        {
            return Problems.Validation("from", $"must not be after to, and the range at most {MaxDays} days");
        }

        var (s, t) = (skip ?? 0, take ?? 100);
        if (s < 0 || t is < 1 or > 1000)
        {
            return Problems.Validation("take", "skip must be >= 0 and take between 1 and 1000");
        }

        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays);
        var lists = await Task.WhenAll(days.Select(d => grains.GetGrain<IAuditGrain>(AuditKeys.For(twinId, d)).ListAsync()));
        var all = lists.SelectMany(l => l).ToList();
        var items = all.Skip(s).Take(t).Select(e => new AuditEntryDto(e.At, e.TwinId, e.Subject, e.Role, e.Action, e.Status)).ToList();
        return TypedResults.Ok(new AuditPageDto(items, all.Count, s, t));
    }
}
