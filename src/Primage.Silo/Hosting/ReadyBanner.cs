using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Primage.Silo.Hosting;

/// <summary>Prints where the service listens once it is up, so a new user knows the URL.</summary>
internal sealed partial class ReadyBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<PrimageOptions> options,
    ILogger<ReadyBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var storage = options.Value.Storage;
            var where = storage.Provider == StorageProviders.Sqlite ? PrimageSiloExtensions.SqliteFilePath(options.Value) : storage.Provider;
            foreach (var address in addresses)
            {
                LogReady(logger, address, storage.Provider, where);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Primage is ready at {Address} (storage: {Provider}, {Where})")]
    private static partial void LogReady(ILogger logger, string address, string provider, string where);
}
