namespace Primage.Silo.Hosting;

/// <summary>Where grain state goes.</summary>
public sealed class PrimageStorageOptions
{
    /// <summary>"sqlite" (embedded file, the default), "postgres", or "memory" (volatile; demos and benchmarks only).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>SQLite: the database file, relative to the data directory. Default: "primage.db".</summary>
    public string SqliteFile { get; set; } = "primage.db";

    /// <summary>PostgreSQL: the Npgsql connection string. Required with "postgres".</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply missing schema scripts at start. Default: true.</summary>
    public bool ApplySchemaAtStart { get; set; } = true;
}
