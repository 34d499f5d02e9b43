using Microsoft.Data.Sqlite;

namespace Primage.Silo.Storage;

/// <summary>The embedded default: one SQLite file holding all grain state.</summary>
public static class SqliteStorage
{
    /// <summary>
    /// The Orleans ADO.NET invariant for SQLite. The provider maps "System.Data.SQLite" onto
    /// Microsoft.Data.Sqlite; the invariant "Microsoft.Data.Sqlite" is not supported by it.
    /// </summary>
    public const string Invariant = "System.Data.SQLite";

    public static string ConnectionString(string databaseFile) => new SqliteConnectionStringBuilder
    {
        DataSource = databaseFile,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Creates the directory and the schema when missing. WAL journalling keeps every committed
    /// write across a crash of the process (kill -9) and lets readers run beside the writer;
    /// synchronous=FULL makes each commit durable on disk before the provider returns.
    /// </summary>
    public static async Task PrepareAsync(string databaseFile, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databaseFile));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = ConnectionString(databaseFile);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode = WAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await new SchemaMigrator("sqlite", () => new SqliteConnection(connectionString)).MigrateAsync(cancellationToken);
    }
}
