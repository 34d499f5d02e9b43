namespace Primage.Silo.Tests.Scheduling;

[CollectionDefinition(OrleansScriptedSchedulerFixture.Collection)]
public sealed class OrleansScriptedSchedulerCollection : ICollectionFixture<OrleansScriptedSchedulerFixture>;
