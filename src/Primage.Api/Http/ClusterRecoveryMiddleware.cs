using Microsoft.AspNetCore.Http;

namespace Primage.Api.Http;

/// <summary>
/// Rides out a lost silo. Until the cluster declares a killed silo dead, calls to grains that were
/// active there fail with Orleans' transport errors (silo unavailable, message rejected, response
/// timeout). A read (GET, HEAD) is run again after a short backoff, for up to about eight seconds, so a
/// surviving silo keeps answering; any other request, or a read still failing, is answered with
/// 503 and Retry-After instead of 500. Every write of the API is idempotent by its client-chosen id, so
/// a client may safely repeat it.
/// </summary>
public sealed class ClusterRecoveryMiddleware(RequestDelegate next)
{
    private static readonly TimeSpan[] ReadBackoff =
    [
        TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800),
        TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2),
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception ex) when (IsClusterTransient(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                if (read && attempt < ReadBackoff.Length)
                {
                    await Task.Delay(ReadBackoff[attempt], context.RequestAborted);
                    continue;
                }

                context.Response.Clear();
                context.Response.Headers.RetryAfter = "2";
                await Problems.Status(
                        StatusCodes.Status503ServiceUnavailable,
                        "Service unavailable",
                        "The cluster is recovering from a lost silo; repeat the request (it is idempotent).")
                    .ExecuteAsync(context);
                return;
            }
        }
    }

    /// <summary>Orleans' own transport and placement failures (an application's exceptions keep their own types).</summary>
    public static bool IsClusterTransient(Exception ex) => ex switch
    {
        OrleansException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsClusterTransient),
        _ => false,
    };
}
