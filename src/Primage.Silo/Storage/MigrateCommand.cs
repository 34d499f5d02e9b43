using Microsoft.Data.Sqlite;
using Primage.Silo.Hosting;

namespace Primage.Silo.Storage;

/// <summary>
/// <c>Primage.Silo migrate [settings]</c>: applies the schema scripts of the configured storage
/// provider and exits, so an operator can migrate before rolling out silos (which then start with
/// Primage:Storage:ApplySchemaAtStart=false). It reads settings exactly as the service does
/// (appsettings.json, environment, command line such as
/// <c>--Primage:Storage:Provider=postgres --Primage:Storage:ConnectionString=...</c>).
/// Prints one line per applied script, then a summary; exit code 0 on success, 1 on failure.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static bool Matches(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = WebApplication.CreateBuilder(args[1..]).Configuration;
        var options = configuration.GetSection(PrimageOptions.Section).Get<PrimageOptions>() ?? new PrimageOptions();
        var validation = new PrimageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            await Console.Error.WriteLineAsync("migrate: " + string.Join(Environment.NewLine + "migrate: ", validation.Failures));
            return 1;
        }

        try
        {
            IReadOnlyList<string> applied;
            string where;
            switch (options.Storage.Provider)
            {
                case StorageProviders.Postgres:
                    applied = await PostgresStorage.MigrateAsync(options.Storage.ConnectionString!);
                    where = "PostgreSQL";
                    break;
                case StorageProviders.Sqlite:
                    var file = PrimageSiloExtensions.SqliteFilePath(options);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    applied = await new SchemaMigrator("sqlite", () => new SqliteConnection(SqliteStorage.ConnectionString(file))).MigrateAsync();
                    await SqliteStorage.PrepareAsync(file, CancellationToken.None);
                    where = file;
                    break;
                default:
                    Console.WriteLine($"migrate: storage provider '{options.Storage.Provider}' has no schema; nothing to do.");
                    return 0;
            }

            foreach (var script in applied)
            {
                Console.WriteLine($"applied {script}");
            }

            Console.WriteLine(applied.Count == 0
                ? $"migrate: {where} is up to date; nothing applied."
                : $"migrate: applied {applied.Count} script(s) to {where}.");
            return 0;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"migrate: failed: {ex.Message}");
            return 1;
        }
    }
}
