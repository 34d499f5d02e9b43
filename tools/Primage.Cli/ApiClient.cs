using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Primage.Cli;

/// <summary>A thin client of the Primage HTTP API (bearer token optional).</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseUrl, string? token)
    {
        _http = new HttpClient(new RetryAfterHandler()) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw new HttpRequestException($"{(int)response.StatusCode} {path}: {text}");
    }

    public Task<JsonNode> PostJsonAsync(string path, string json, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, path, json, "application/json", cancellationToken);

    public Task<JsonNode> PostTextAsync(string path, string text, string mediaType, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, path, text, mediaType, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string? body, string? mediaType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType!);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {method} {path}: {text}");
        }

        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }
}
