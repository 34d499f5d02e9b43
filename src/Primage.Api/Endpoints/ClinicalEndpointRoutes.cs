using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Grains.Twins;

namespace Primage.Api.Endpoints;

/// <summary>GET /api/twins/{id}/endpoints: risk group and survival predictions with intervals.</summary>
public static class ClinicalEndpointRoutes
{
    public static IEndpointRouteBuilder MapClinicalEndpointRoutes(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/twins/{id}/endpoints", Get)
            .WithName("GetClinicalEndpoints")
            .RequireTwinAccess(TwinPermission.Predictions)
            .WithTags("Clinical end points")
            .WithSummary("The twin's risk group (neuroblastoma: INRG) and survival predictions (EFS/OS curves with intervals, horizons, model name and version, and a reference to the model card with its measured performance), from the current profile.")
            .Produces<System.Text.Json.Nodes.JsonObject>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> Get(string id, IGrainFactory grains)
    {
        if (!TwinIds.IsValid(id))
        {
            return Problems.Validation("id", "must be 1-64 letters, digits, '-' or '_'");
        }

        var twin = await grains.GetGrain<IPatientTwinGrain>(id).GetAsync();
        if (twin is null)
        {
            return Problems.NotFound($"No twin '{id}'.");
        }

        // Pure evaluation of stored models: microseconds, off any grain.
        return TypedResults.Ok(ClinicalEndpoints.Compute(twin.Profile));
    }
}
