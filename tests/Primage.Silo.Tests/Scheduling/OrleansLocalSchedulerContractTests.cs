namespace Primage.Silo.Tests.Scheduling;

[Collection(OrleansLocalSchedulerFixture.Collection)]
public sealed class OrleansLocalSchedulerContractTests(OrleansLocalSchedulerFixture fixture)
    : SchedulerContractTests<OrleansLocalSchedulerFixture>(fixture);
