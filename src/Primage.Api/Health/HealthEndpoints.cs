using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Grains.Health;

namespace Primage.Api.Health;

/// <summary>GET /health: 200 only when this silo answers and its storage can be read (the probe grain is local to it).</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", Check)
            .WithName("Health")
            .WithTags("Health")
            .WithSummary("Readiness: 200 when the silo and its storage are ready, 503 otherwise.")
            .Produces<HealthDto>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> Check(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IHealthProbeGrain>("probe").ProbeAsync().WaitAsync(ProbeTimeout, cancellationToken);
            return TypedResults.Ok(new HealthDto("ready"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", "The silo or its storage is not ready.");
        }
    }
}
