using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Primage.Testing;

/// <summary>Small helpers for raw JSON requests.</summary>
public static class Json
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string url, string json) => client.PutAsync(url, Body(json));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string json) => client.PostAsync(url, Body(json));

    public static Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string url, T value) => client.PostAsJsonAsync(url, value);
}
