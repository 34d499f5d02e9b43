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
            .WithSummary("Readiness: 200 when the silo and its storage are ready, 503 with Retry-After otherwise.")
            .Produces<HealthDto>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>What a 503 asks callers (load balancers) to wait before probing again.</summary>
    private const string RetryAfterSeconds = "5";

    private static async Task<IResult> Check(IGrainFactory grains, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IHealthProbeGrain>("probe").ProbeAsync().WaitAsync(ProbeTimeout, cancellationToken);
            return TypedResults.Ok(new HealthDto("ready"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not ready now, possibly only for a moment (a probe can stall while the cluster takes a dead
            // silo's place): say when to look again, as every other 503 of the service does.
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", "The silo or its storage is not ready.");
        }
    }
}
