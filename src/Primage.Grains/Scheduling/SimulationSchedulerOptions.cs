namespace Primage.Grains.Scheduling;

/// <summary>
/// Scheduler settings, bound from the configuration section <see cref="SectionName"/>. Shared by the
/// Orleans run grains and the Akka.NET scheduler so both apply the same retry policy.
/// </summary>
public sealed class SimulationSchedulerOptions
{
    public const string SectionName = "Primage:Scheduler";

    /// <summary>Shortest accepted <see cref="WatchdogPeriod"/>.</summary>
    public static readonly TimeSpan MinimumWatchdogPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Which scheduler implementation runs: "orleans" or "akka". Default: "orleans".</summary>
    public string Kind { get; set; } = "orleans";

    /// <summary>Name of the backend steps go to. Default: "local".</summary>
    public string Backend { get; set; } = "local";

    /// <summary>
    /// Per-task backend override, task name to backend name (e.g. "micro": "slurm:hpc1").
    /// Default: empty (every task goes to <see cref="Backend"/>).
    /// </summary>
    public Dictionary<string, string> TaskBackends { get; } = new(StringComparer.Ordinal);

    /// <summary>Most attempts of one step, counting the first. Default: 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Outcomes that start a new attempt (attempt + 1) while attempts remain; null means the default.
    /// InputRejected, Succeeded and Cancelled are never retried whatever is listed here. A list replaces
    /// the default (so Timeout, OutOfMemory or Failed can be added, or an empty list retries nothing).
    /// Default: null, meaning NodeFail and Preempted.
    /// </summary>
    public StepOutcome[]? RetryOn { get; set; }

    /// <summary>Whether a step that ended with <paramref name="outcome"/> gets another attempt (attempts permitting).</summary>
    public bool Retries(StepOutcome outcome)
        => outcome is not (StepOutcome.Succeeded or StepOutcome.InputRejected or StepOutcome.Cancelled)
            && (RetryOn is { } listed ? listed.Contains(outcome) : outcome is StepOutcome.NodeFail or StepOutcome.Preempted);

    /// <summary>
    /// Most consecutive submissions of one attempt that may fail because the backend could not be
    /// reached. These retries keep the attempt number, so a submission that did reach the backend
    /// is found again rather than duplicated. Default: 5.
    /// </summary>
    public int MaxSubmitTries { get; set; } = 5;

    /// <summary>First retry delay; the n-th retry waits InitialBackoff * 2^(n-1). Default: 2 seconds.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of any retry delay (steps, submissions, owner callbacks). Default: 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the Akka.NET scheduler waits for its actors to answer. Default: 30 seconds.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Period of the watchdog reminders of the durable index shards (the run index and the twin watch
    /// index): while a shard lists anything, every period it wakes each listed run or twin, on whichever
    /// silo is alive, so work a dead silo was driving is resumed without a restart. Active only where the
    /// host has a reminder service. At least one second. Default: 1 minute.
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The backend a step goes to: its task's override, else <see cref="Backend"/>.</summary>
    public string BackendFor(StepSpec step)
        => TaskBackends.TryGetValue(step.Task, out var name) ? name : Backend;

    /// <summary>Delay before the n-th retry (n >= 1): InitialBackoff * 2^(n-1), capped at MaxBackoff.</summary>
    public TimeSpan Backoff(int retry)
    {
        var exponent = Math.Clamp(retry - 1, 0, 30);
        var ticks = InitialBackoff.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
