using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Security;

namespace Primage.Testing;

/// <summary>
/// The real service (silo, SQLite storage, API) in-process, on its own data directory and ports.
/// Give two instances the same directory to test that state survives a restart.
/// <see cref="WebApplicationFactory{T}.CreateClient()"/> gives an admin client (every site);
/// <see cref="CreateClient(string, string[])"/> a client of one role and its sites.
/// </summary>
public sealed class PrimageApp(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    public static string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "primage-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A token of <paramref name="role"/> for <paramref name="sites"/>, signed by this service's key.</summary>
    public string Token(string role, params string[] sites) => Token(role, $"{role}-{string.Join('-', sites)}", sites);

    public string Token(string role, string subject, string[] sites) =>
        Services.GetRequiredService<TokenIssuer>().Issue(subject, role, sites, TimeSpan.FromHours(1));

    /// <summary>A client whose requests carry a token of <paramref name="role"/> for <paramref name="sites"/>.</summary>
    public HttpClient CreateClient(string role, params string[] sites)
    {
        var client = CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, sites));
        return client;
    }

    /// <summary>A client without a token.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Roles.Admin, "admin", []));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Primage:DataDirectory", DataDirectory);
        builder.UseSetting("Primage:Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Primage:Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
