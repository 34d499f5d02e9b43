using System.Net;

namespace Primage.Cli;

/// <summary>
/// Honours the service's rate limit: a 429 answer is retried after its Retry-After delay (1 s when
/// absent, at most 30 s), up to <see cref="MaxRetries"/> times, so long imports and exports slow down
/// instead of failing. Every API call the command line makes is a read or an idempotent write.
/// </summary>
internal sealed class RetryAfterHandler : DelegatingHandler
{
    public const int MaxRetries = 8;

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public RetryAfterHandler()
        : base(new HttpClientHandler())
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || retry == MaxRetries)
            {
                return response;
            }

            var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(delay < Longest ? delay : Longest, cancellationToken);
        }
    }
}
