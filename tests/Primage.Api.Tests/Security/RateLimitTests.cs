using System.Net;
using Primage.Testing;

namespace Primage.Api.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task AClientOverItsLimitGets429WithRetryAfterWhileAnotherClientIsServed()
    {
        await using var app = new PrimageApp(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
        {
            ["Primage:Security:RateLimitPermits"] = "3",
            ["Primage:Security:RateLimitWindowSeconds"] = "3600",
        });
        using var alice = app.CreateClient("clinician", "lafe");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/twins")).StatusCode);
        }

        var refused = await alice.GetAsync("/api/twins");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);

        // Partitioned by token subject: another subject has its own budget.
        using var bob = app.CreateClient("clinician", "gosh");
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/twins")).StatusCode);
    }
}
