using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// Helpers of the scheduler test classes. Waits are bounded by <see cref="Patience"/> only to turn a hang
/// into a failure; nothing asserts on time.
/// </summary>
public abstract class SchedulerTestsBase<TFixture>(TFixture fixture)
    where TFixture : SchedulerClusterFixture
{
    protected TFixture Fixture { get; } = fixture;

    /// <summary>Longest wait for a run to reach a state before the test fails.</summary>
    protected virtual TimeSpan Patience => TimeSpan.FromSeconds(60);

    /// <summary>Skips (locally only) when the fixture's backend service is not configured.</summary>
    protected void SkipUnlessAvailable() => Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);

    protected IRunOwnerGrain Owner() => Fixture.Grains.GetGrain<IRecordingOwnerGrain>($"owner-{Guid.NewGuid():N}");

    protected static string NewStepId(string label) => $"{label}-{Guid.NewGuid():N}";

    /// <summary>Waits until the owner has been told about the run, then returns what it was told.</summary>
    protected async Task<RunStatus> WaitForOwnerAsync(string stepId)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var callbacks = RecordingOwnerGrain.CallbacksFor(stepId);
            if (callbacks.Count > 0)
            {
                return callbacks[0];
            }

            await Task.Delay(50);
        }

        var status = await Fixture.Scheduler.GetStatusAsync(stepId);
        throw new Xunit.Sdk.XunitException($"Owner of {stepId} was never told; run is {status?.State} ({status?.Outcome}, {status?.Error}).");
    }

    protected async Task<RunStatus> WaitForStateAsync(string stepId, Func<RunStatus, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        RunStatus? status = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            status = await Fixture.Scheduler.GetStatusAsync(stepId);
            if (status is not null && condition(status))
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Run {stepId} never reached the expected state; it is {status?.State} ({status?.Outcome}, {status?.Error}).");
    }
}
