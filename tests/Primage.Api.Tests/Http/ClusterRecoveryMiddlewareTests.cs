using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Http;

namespace Primage.Api.Tests.Http;

public sealed class ClusterRecoveryMiddlewareTests
{
    private static DefaultHttpContext Context(string method)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Request = { Method = method }, Response = { Body = new MemoryStream() } };
    }

    [Fact]
    public async Task A_read_that_meets_a_lost_silo_is_run_again_until_it_succeeds()
    {
        var calls = 0;
        var middleware = new ClusterRecoveryMiddleware(context =>
        {
            if (++calls < 3)
            {
                throw new SiloUnavailableException("silo S127.0.0.1:11111 is gone");
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        var context = Context(HttpMethods.Get);

        await middleware.InvokeAsync(context);

        Assert.Equal(3, calls);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_write_is_not_repeated_but_answered_503_with_retry_after()
    {
        var calls = 0;
        var middleware = new ClusterRecoveryMiddleware(_ =>
        {
            calls++;
            throw new TimeoutException("response did not arrive on time");
        });
        var context = Context(HttpMethods.Post);

        await middleware.InvokeAsync(context);

        Assert.Equal(1, calls);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_read_failing_for_longer_than_the_backoff_gets_503_and_application_errors_pass_through()
    {
        var calls = 0;
        var lost = new ClusterRecoveryMiddleware(_ =>
        {
            calls++;
            throw new OrleansException("no active nodes are compatible with this grain");
        });
        var context = Context(HttpMethods.Get);
        await lost.InvokeAsync(context);
        Assert.Equal(7, calls);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);

        var bug = new ClusterRecoveryMiddleware(_ => throw new InvalidOperationException("a bug, not the cluster"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bug.InvokeAsync(Context(HttpMethods.Get)));
    }
}
