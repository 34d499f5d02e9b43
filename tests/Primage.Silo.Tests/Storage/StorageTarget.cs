using Primage.Testing;

namespace Primage.Silo.Tests.Storage;

/// <summary>Makes hosts that share one store (same SQLite file, or same PostgreSQL service id).</summary>
public sealed class StorageTarget(Func<IReadOnlyDictionary<string, string>, PrimageApp> factory)
{
    public PrimageApp NewApp() => factory(new Dictionary<string, string>());

    /// <summary>A host on the same store with more settings (they win over the target's own).</summary>
    public PrimageApp NewApp(IReadOnlyDictionary<string, string> settings) => factory(settings);
}
