using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Grains.Twins;

namespace Primage.Api.Clinician;

/// <summary>GET /api/twins?site=: the twins of one site (ids, diagnosis, counts), from the per-site index.</summary>
public static class TwinListEndpoints
{
    public static IEndpointRouteBuilder MapTwinListEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/twins", ListTwins)
            .WithTags("Twins")
            .WithName("ListTwins")
            .WithSummary("The twins of a site the token grants (default: the token's first site): id, diagnosis, counts and latest prediction version.")
            .RequireRoles(Roles.Clinician, Roles.Researcher)
            .Produces<IReadOnlyList<TwinListItemDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return routes;
    }

    private static async Task<IResult> ListTwins(string? site, HttpContext context, IGrainFactory grains)
    {
        var caller = Caller.From(context.User)!;
        site ??= caller.Sites.Count > 0 ? caller.Sites[0] : null;
        if (site is null)
        {
            return Problems.Validation("site", "is required for a token without a site");
        }

        if (TwinAccess.CheckSite(context, site) is { } denied)
        {
            return denied;
        }

        var ids = await grains.GetGrain<ISiteIndexGrain>(site).ListAsync();
        var items = new List<TwinListItemDto>();
        foreach (var id in ids)
        {
            var twin = grains.GetGrain<IPatientTwinGrain>(id);
            if (await twin.GetAsync() is { } snapshot && snapshot.Profile.Site == site)
            {
                var calibration = await twin.GetCalibrationAsync();
                items.Add(new TwinListItemDto(
                    id,
                    TwinVocabulary.ToWire(snapshot.Profile.Diagnosis),
                    snapshot.Observations.Count,
                    snapshot.Therapies.Count,
                    calibration.Latest?.Version));
            }
        }

        return TypedResults.Ok(items);
    }
}
