using System.Net;
using Microsoft.Data.Sqlite;
using Primage.Testing;

namespace Primage.Api.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task HealthIs503WhileTheStorageCannotBeReadAnd200AgainOnceItCan()
    {
        var directory = PrimageApp.NewDataDirectory();
        await using var app = new PrimageApp(directory);
        using var client = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Take the grain-state table away behind the running service's back: every read now fails.
        await using var database = new SqliteConnection($"Data Source={Path.Combine(directory, "primage.db")}");
        await database.OpenAsync();
        await Execute(database, "ALTER TABLE OrleansStorage RENAME TO OrleansStorageAway");
        try
        {
            var down = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), down.Headers.RetryAfter?.Delta);
            var problem = await Json.ReadAsync(down);
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            Assert.Equal("Not ready", (string)problem["title"]!);
        }
        finally
        {
            await Execute(database, "ALTER TABLE OrleansStorageAway RENAME TO OrleansStorage");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
