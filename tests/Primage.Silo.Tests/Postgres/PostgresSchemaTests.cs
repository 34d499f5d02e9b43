using System.Reflection;
using System.Text;
using Npgsql;
using Primage.Silo.Storage;

namespace Primage.Silo.Tests.Postgres;

/// <summary>Our PostgreSQL scripts: idempotent, safe to run concurrently, and complete for the providers.</summary>
public sealed class PostgresSchemaTests
{
    [PostgresFact]
    public async Task MigratingTwiceChangesNothingTheSecondTime()
    {
        var connectionString = await PostgresTestDatabase.NewSchemaAsync("migrate_twice");
        try
        {
            var first = await PostgresStorage.MigrateAsync(connectionString);
            var before = await DumpAsync(connectionString);

            var second = await PostgresStorage.MigrateAsync(connectionString);

            Assert.Equal(["0001-orleans-grain-persistence.sql", "0002-orleans-clustering.sql", "0003-orleans-reminders.sql"], first);
            Assert.Empty(second);
            Assert.Equal(before, await DumpAsync(connectionString));
            Assert.Contains("table|orleansmembershiptable|", before, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(connectionString);
        }
    }

    [PostgresFact]
    public async Task SilosMigratingAtOnceApplyEachScriptExactlyOnce()
    {
        var connectionString = await PostgresTestDatabase.NewSchemaAsync("migrate_race");
        try
        {
            // Four "silos" start together on an empty database; the advisory lock queues them.
            var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStorage.MigrateAsync(connectionString))));

            Assert.Equal(3, runs.Sum(r => r.Count));
            Assert.Single(runs, r => r.Count == 3);
            Assert.Equal(3L, await PostgresTestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM PrimageSchemaHistory"));
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(connectionString);
        }
    }

    [PostgresFact]
    public async Task EveryQueryTheProvidersRequireIsRegistered()
    {
        var connectionString = await PostgresTestDatabase.NewSchemaAsync("migrate_keys");
        try
        {
            await PostgresStorage.MigrateAsync(connectionString);
            var registered = new HashSet<string>(StringComparer.Ordinal);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    registered.Add(reader.GetString(0));
                }
            }

            // The clustering and reminder providers check at start that every query their
            // DbStoredQueries class has a property for is present; read that list from the
            // providers we ship with, so an upgrade that adds a query fails here first.
            var required = RequiredKeys("Orleans.Clustering.AdoNet").Concat(RequiredKeys("Orleans.Reminders.AdoNet"))
                .Concat(["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"])
                .ToList();
            Assert.Equal(20, required.Count);
            Assert.Empty(required.Except(registered));
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(connectionString);
        }
    }

    private static IEnumerable<string> RequiredKeys(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var type = assembly.GetTypes().Single(t => t.Name == "DbStoredQueries");
        return type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name);
    }

    /// <summary>Tables, columns, indexes, registered queries and recorded scripts, as text.</summary>
    private static async Task<string> DumpAsync(string connectionString)
    {
        var text = new StringBuilder();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            """
            SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'i' THEN 'index' ELSE c.relkind::text END, c.relname, c.oid
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() ORDER BY c.relname
            """,
            """
            SELECT table_name, column_name, data_type, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """,
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname",
            "SELECT QueryKey, QueryText FROM OrleansQuery ORDER BY QueryKey",
            "SELECT Script, Checksum, AppliedOn FROM PrimageSchemaHistory ORDER BY Script",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
