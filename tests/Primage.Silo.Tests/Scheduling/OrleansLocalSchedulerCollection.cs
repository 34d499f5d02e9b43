namespace Primage.Silo.Tests.Scheduling;

[CollectionDefinition(OrleansLocalSchedulerFixture.Collection)]
public sealed class OrleansLocalSchedulerCollection : ICollectionFixture<OrleansLocalSchedulerFixture>;
