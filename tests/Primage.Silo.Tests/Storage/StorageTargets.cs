using Primage.Testing;

namespace Primage.Silo.Tests.Storage;

/// <summary>
/// The storage providers persistence tests run against. SQLite always; PostgreSQL when
/// PRIMAGE_TEST_POSTGRES holds a connection string (always in CI, where .ci/run starts one).
/// </summary>
public static class StorageTargets
{
    public const string PostgresVariable = "PRIMAGE_TEST_POSTGRES";

    public static TheoryData<string> Available()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } || IsCi)
        {
            data.Add("postgres");
        }

        return data;
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static StorageTarget Create(string provider)
    {
        switch (provider)
        {
            case "sqlite":
                var directory = PrimageApp.NewDataDirectory();
                return new StorageTarget(extra => new PrimageApp(directory, extra));
            case "postgres":
                var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrEmpty(connectionString))
                {
                    throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set: .ci/run must start PostgreSQL and export it.");
                }

                var serviceId = "test-" + Guid.NewGuid().ToString("N")[..8];
                var settings = new Dictionary<string, string>
                {
                    ["Primage:Storage:Provider"] = "postgres",
                    ["Primage:Storage:ConnectionString"] = connectionString,
                    ["Primage:Cluster:ServiceId"] = serviceId,
                    ["Primage:Cluster:ClusterId"] = serviceId,
                };
                return new StorageTarget(extra => new PrimageApp(
                    PrimageApp.NewDataDirectory(),
                    settings.Concat(extra).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)));
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown storage provider");
        }
    }
}
