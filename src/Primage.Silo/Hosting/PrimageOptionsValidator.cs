using System.Net;
using Microsoft.Extensions.Options;

namespace Primage.Silo.Hosting;

/// <summary>Checks the settings at start so a mistake stops the service with a clear message.</summary>
public sealed class PrimageOptionsValidator : IValidateOptions<PrimageOptions>
{
    public ValidateOptionsResult Validate(string? name, PrimageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Primage:DataDirectory must name a directory.");
        }

        var storage = options.Storage;
        if (!StorageProviders.All.Contains(storage.Provider))
        {
            failures.Add($"Primage:Storage:Provider is '{storage.Provider}'; expected one of {string.Join(", ", StorageProviders.All)}.");
        }

        if (storage.Provider == StorageProviders.Sqlite && string.IsNullOrWhiteSpace(storage.SqliteFile))
        {
            failures.Add("Primage:Storage:SqliteFile must name a file.");
        }

        if (storage.Provider == StorageProviders.Postgres && string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            failures.Add("Primage:Storage:ConnectionString is required when Primage:Storage:Provider is 'postgres'.");
        }

        var cluster = options.Cluster;
        if (string.IsNullOrWhiteSpace(cluster.ServiceId) || string.IsNullOrWhiteSpace(cluster.ClusterId))
        {
            failures.Add("Primage:Cluster:ServiceId and Primage:Cluster:ClusterId must not be empty.");
        }

        if (cluster.SiloPort is < 1 or > 65535 || cluster.GatewayPort is < 1 or > 65535 || cluster.SiloPort == cluster.GatewayPort)
        {
            failures.Add($"Primage:Cluster:SiloPort ({cluster.SiloPort}) and GatewayPort ({cluster.GatewayPort}) must be distinct ports from 1 to 65535.");
        }

        if (!IPAddress.TryParse(cluster.AdvertisedAddress, out _))
        {
            failures.Add($"Primage:Cluster:AdvertisedAddress '{cluster.AdvertisedAddress}' is not an IP address.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
