using Npgsql;
using Primage.Silo.Tests.Storage;

namespace Primage.Silo.Tests.Postgres;

/// <summary>The PostgreSQL database the tests use, and throwaway schemas inside it.</summary>
public static class PostgresTestDatabase
{
    public static bool IsConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StorageTargets.PostgresVariable));

    /// <summary>The connection string; throws (so the test fails) when it is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(StorageTargets.PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{StorageTargets.PostgresVariable} is not set (CI=true): .ci/run must start PostgreSQL through scripts/services/postgres.sh.");

    /// <summary>
    /// A new empty schema, and a connection string whose search path puts everything there, so a
    /// migration test starts from nothing and never meets another test's tables.
    /// </summary>
    public static async Task<string> NewSchemaAsync(string prefix)
    {
        var schema = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops a schema made by <see cref="NewSchemaAsync"/>.</summary>
    public static async Task DropSchemaAsync(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Removes what a test service id left in the shared tables.</summary>
    public static async Task ForgetServiceAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "DELETE FROM OrleansStorage WHERE ServiceId = @id",
            "DELETE FROM OrleansRemindersTable WHERE ServiceId = @id",
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @id",
            "DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @id",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", serviceId);
            await command.ExecuteNonQueryAsync();
        }
    }
}
