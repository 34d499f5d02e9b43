namespace Primage.Silo.Tests.Scheduling;

[Collection(OrleansScriptedSchedulerFixture.Collection)]
public sealed class OrleansRetryPolicyTests(OrleansScriptedSchedulerFixture fixture)
    : RetryPolicyTests<OrleansScriptedSchedulerFixture>(fixture);
