using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Primage.Testing;

/// <summary>
/// The real service (silo, SQLite storage, API) in-process, on its own data directory and ports.
/// Give two instances the same directory to test that state survives a restart.
/// </summary>
public sealed class PrimageApp(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    public static string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "primage-tests", Guid.NewGuid().ToString("N"))).FullName;

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
