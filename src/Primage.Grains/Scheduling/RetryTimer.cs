namespace Primage.Grains.Scheduling;

/// <summary>
/// A grain's one pending retry: scheduling replaces any earlier one, and the callback runs once, as a
/// non-interleaved grain turn, after the timer has released itself.
/// </summary>
internal sealed class RetryTimer
{
    private IGrainTimer? _timer;

    /// <summary>Runs <paramref name="callback"/> on <paramref name="grain"/> after <paramref name="due"/>, replacing a pending retry.</summary>
    public void Schedule(IGrainBase grain, TimeSpan due, Func<Task> callback)
    {
        _timer?.Dispose();
        _timer = grain.RegisterGrainTimer(
            async _ =>
            {
                Cancel();
                await callback();
            },
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    /// <summary>Drops the pending retry, if any.</summary>
    public void Cancel()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
