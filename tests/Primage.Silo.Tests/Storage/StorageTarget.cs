using Primage.Testing;

namespace Primage.Silo.Tests.Storage;

/// <summary>Makes hosts that share one store (same SQLite file, or same PostgreSQL service id).</summary>
public sealed class StorageTarget(Func<PrimageApp> factory)
{
    public PrimageApp NewApp() => factory();
}
