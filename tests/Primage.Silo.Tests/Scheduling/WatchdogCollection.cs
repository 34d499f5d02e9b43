namespace Primage.Silo.Tests.Scheduling;

[CollectionDefinition(WatchdogFixture.Collection)]
public sealed class WatchdogCollection : ICollectionFixture<WatchdogFixture>;
