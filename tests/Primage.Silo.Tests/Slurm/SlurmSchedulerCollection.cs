namespace Primage.Silo.Tests.Slurm;

[CollectionDefinition(SlurmSchedulerFixture.Collection)]
public sealed class SlurmSchedulerCollection : ICollectionFixture<SlurmSchedulerFixture>;
