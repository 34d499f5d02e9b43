using Microsoft.Data.Sqlite;
using Primage.Silo.Storage;
using Primage.Testing;

namespace Primage.Silo.Tests.Storage;

public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task MigratingTwiceChangesNothingTheSecondTime()
    {
        var file = Path.Combine(PrimageApp.NewDataDirectory(), "schema.db");
        await SqliteStorage.PrepareAsync(file, CancellationToken.None);
        var first = await DumpAsync(file);

        var migrator = new SchemaMigrator("sqlite", () => new SqliteConnection(SqliteStorage.ConnectionString(file)));
        var applied = await migrator.MigrateAsync();

        Assert.Empty(applied);
        Assert.Equal(first, await DumpAsync(file));
        Assert.Contains("OrleansStorage", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderQueriesAreAllRegistered()
    {
        var file = Path.Combine(PrimageApp.NewDataDirectory(), "schema.db");
        await SqliteStorage.PrepareAsync(file, CancellationToken.None);
        await using var connection = new SqliteConnection(SqliteStorage.ConnectionString(file));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        Assert.Equal(["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], keys);
    }

    [Fact]
    public async Task AnEditedAppliedScriptIsRefused()
    {
        var file = Path.Combine(PrimageApp.NewDataDirectory(), "schema.db");
        await SqliteStorage.PrepareAsync(file, CancellationToken.None);
        await using (var connection = new SqliteConnection(SqliteStorage.ConnectionString(file)))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE PrimageSchemaHistory SET Checksum = 'deadbeef'";
            await tamper.ExecuteNonQueryAsync();
        }

        var migrator = new SchemaMigrator("sqlite", () => new SqliteConnection(SqliteStorage.ConnectionString(file)));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync());
        Assert.Contains("must never be edited", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Schema objects, registered queries and recorded scripts, as text.</summary>
    private static async Task<string> DumpAsync(string file)
    {
        await using var connection = new SqliteConnection(SqliteStorage.ConnectionString(file));
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT type, name, sql FROM sqlite_master ORDER BY name",
            "SELECT QueryKey, QueryText FROM OrleansQuery ORDER BY QueryKey",
            "SELECT Script, Checksum, AppliedOn FROM PrimageSchemaHistory ORDER BY Script",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
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
