namespace Primage.Silo.Tests.Slurm;

[CollectionDefinition(AkkaSlurmSchedulerFixture.Collection)]
public sealed class AkkaSlurmSchedulerCollection : ICollectionFixture<AkkaSlurmSchedulerFixture>;
