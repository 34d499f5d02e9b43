using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Primage.Silo.Storage;

/// <summary>
/// Applies Primage's own schema scripts (embedded under Storage/Sql/{provider}/, applied in
/// name order) and records each in PrimageSchemaHistory with its checksum, so running it again
/// changes nothing. An applied script whose text later changed is refused rather than re-run.
/// </summary>
public sealed class SchemaMigrator(string provider, Func<DbConnection> connect)
{
    private const string HistoryDdl =
        "CREATE TABLE IF NOT EXISTS PrimageSchemaHistory (Script VARCHAR(200) NOT NULL PRIMARY KEY, Checksum VARCHAR(64) NOT NULL, AppliedOn VARCHAR(40) NOT NULL)";

    /// <summary>The scripts for this provider, in the order they apply.</summary>
    public IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts(provider);

    /// <summary>Applies what is missing; returns the names of the scripts applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Scripts.Count == 0)
        {
            throw new InvalidOperationException($"No schema scripts are embedded for storage provider '{provider}'.");
        }

        await using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, HistoryDdl, cancellationToken);
        var applied = await ReadHistoryAsync(connection, cancellationToken);
        var done = new List<string>();
        foreach (var script in Scripts)
        {
            if (applied.TryGetValue(script.Name, out var checksum))
            {
                if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Schema script '{script.Name}' was applied with checksum {checksum} but now reads {script.Checksum}; applied scripts must never be edited. Add a new script instead.");
                }

                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, script.Text, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO PrimageSchemaHistory (Script, Checksum, AppliedOn) VALUES (@script, @checksum, @on)";
                AddParameter(record, "script", script.Name);
                AddParameter(record, "checksum", script.Checksum);
                AddParameter(record, "on", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            done.Add(script.Name);
        }

        return done;
    }

    private static async Task<Dictionary<string, string>> ReadHistoryAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Script, Checksum FROM PrimageSchemaHistory";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static List<SchemaScript> LoadScripts(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Storage.Sql.{provider}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n, n[prefix.Length..]))];
    }

    private static SchemaScript Read(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded schema script {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new SchemaScript(name, text, checksum);
    }
}
