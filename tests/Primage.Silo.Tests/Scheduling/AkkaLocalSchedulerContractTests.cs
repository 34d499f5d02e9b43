namespace Primage.Silo.Tests.Scheduling;

[Collection(AkkaLocalSchedulerFixture.Collection)]
public sealed class AkkaLocalSchedulerContractTests(AkkaLocalSchedulerFixture fixture)
    : SchedulerContractTests<AkkaLocalSchedulerFixture>(fixture);
