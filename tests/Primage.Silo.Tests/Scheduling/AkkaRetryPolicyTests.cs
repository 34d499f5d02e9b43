namespace Primage.Silo.Tests.Scheduling;

[Collection(AkkaScriptedSchedulerFixture.Collection)]
public sealed class AkkaRetryPolicyTests(AkkaScriptedSchedulerFixture fixture)
    : RetryPolicyTests<AkkaScriptedSchedulerFixture>(fixture);
