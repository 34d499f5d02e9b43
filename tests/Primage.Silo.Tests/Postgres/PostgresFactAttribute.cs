using Primage.Silo.Tests.Storage;

namespace Primage.Silo.Tests.Postgres;

/// <summary>
/// A test against the real PostgreSQL named by PRIMAGE_TEST_POSTGRES. Skipped with a reason when
/// it is not set locally; never skipped when CI=true, so a missing database fails the test there.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresTestDatabase.IsConfigured && !StorageTargets.IsCi)
        {
            Skip = $"PostgreSQL is not configured: run `eval \"$(bash scripts/services/postgres.sh up)\"` to set {StorageTargets.PostgresVariable}.";
        }
    }
}
