namespace Primage.Grains.Tests.Infrastructure;

/// <summary>Grain tests share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
