namespace Primage.Silo.Hosting;

/// <summary>The storage provider names accepted by <see cref="PrimageStorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public const string Memory = "memory";

    public static readonly IReadOnlyList<string> All = [Sqlite, Postgres, Memory];
}
