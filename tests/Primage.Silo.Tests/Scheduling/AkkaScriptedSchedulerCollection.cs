namespace Primage.Silo.Tests.Scheduling;

[CollectionDefinition(AkkaScriptedSchedulerFixture.Collection)]
public sealed class AkkaScriptedSchedulerCollection : ICollectionFixture<AkkaScriptedSchedulerFixture>;
