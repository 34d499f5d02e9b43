using Microsoft.Extensions.Options;
using Primage.Silo.Storage;

namespace Primage.Silo.Hosting;

/// <summary>
/// Creates the embedded database and applies schema scripts before the silo starts (it is
/// registered ahead of Orleans, and hosted services start in registration order).
/// </summary>
internal sealed partial class StoragePreparationService(IOptions<PrimageOptions> options, ILogger<StoragePreparationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.Storage.Provider == StorageProviders.Sqlite && value.Storage.ApplySchemaAtStart)
        {
            var file = PrimageSiloExtensions.SqliteFilePath(value);
            await SqliteStorage.PrepareAsync(file, cancellationToken);
            LogPrepared(logger, file);
        }

        if (value.Storage.Provider == StorageProviders.Postgres && value.Storage.ApplySchemaAtStart)
        {
            var applied = await PostgresStorage.MigrateAsync(value.Storage.ConnectionString!, cancellationToken);
            LogPostgresPrepared(logger, applied.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema ready ({Applied} script(s) applied now)")]
    private static partial void LogPostgresPrepared(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite storage ready at {File}")]
    private static partial void LogPrepared(ILogger logger, string file);
}
