namespace Primage.Silo.Tests.Scheduling;

[CollectionDefinition(AkkaLocalSchedulerFixture.Collection)]
public sealed class AkkaLocalSchedulerCollection : ICollectionFixture<AkkaLocalSchedulerFixture>;
