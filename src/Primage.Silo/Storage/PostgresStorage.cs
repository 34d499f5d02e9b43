using Npgsql;

namespace Primage.Silo.Storage;

/// <summary>
/// PostgreSQL for grain state, cluster membership and reminders (the Orleans ADO.NET providers,
/// invariant "Npgsql"), with Primage's own schema scripts under Storage/Sql/postgres/.
/// </summary>
public static class PostgresStorage
{
    /// <summary>The Orleans ADO.NET invariant for PostgreSQL (the provider loads Npgsql's factory by it).</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The provider folder of the embedded schema scripts.</summary>
    public const string Provider = "postgres";

    /// <summary>
    /// The key of the session-level advisory lock held while migrating. Any fixed 64-bit number
    /// works as long as nothing else in the database uses it; this one is "PRIMAGE1" in ASCII.
    /// </summary>
    public const long MigrationLockKey = 0x5052494D41474531;

    /// <summary>
    /// Connections one silo may hold, when the connection string does not say (Npgsql's own
    /// default is 100). PostgreSQL allows 100 connections by default in all, so silos sharing a
    /// server with Npgsql's default would run out under load ("53300: remaining connection slots
    /// are reserved"); 24 per silo keeps four silos and tools well inside it.
    /// </summary>
    public const int DefaultMaxPoolSize = 24;

    /// <summary>The connection string the silo's providers use: the configured one, with
    /// <see cref="DefaultMaxPoolSize"/> added when it sets no pool size of its own.</summary>
    public static string SiloConnectionString(string connectionString)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var explicitPool = keys.Keys.Cast<string>().Any(k =>
            k.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) ||
            k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
        return explicitPool
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>
    /// Applies the missing schema scripts, one silo at a time: every caller first takes the same
    /// advisory lock on its own connection, so silos starting together (or a silo and the migrate
    /// command) queue up; the first applies the scripts and the others find them recorded and
    /// change nothing. The lock is released when the connection closes, even if the process dies.
    /// Returns the names of the scripts this call applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var migrator = new SchemaMigrator(Provider, () => new NpgsqlConnection(connectionString));
            return await migrator.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
