using Microsoft.Extensions.Logging;
using Primage.Grains.Scenarios;
using Primage.Grains.Twins;

namespace Primage.Grains.Cohorts;

/// <summary>
/// Fans a cohort run out in a sliding window: at most MaxInFlight members (twin x scenario) are
/// started at a time and each finished member starts the next, so the fan-out is staged and bounded
/// (never one loop over the whole cohort). The window and the finished set are persisted before
/// members start and whenever one finishes: after a crash the run re-attaches to the members that
/// were in flight (scenarios are idempotent by key, and a scenario's step id is the scheduler's
/// idempotency key) and never repeats a finished one. A failed member is counted and the run goes on.
/// The grain only does bookkeeping per member; the forecasts run in the scenario grains and the
/// backends, and progress reads are read-only and interleave, so the grain does not become a hot spot.
/// A slow sweep (every 10 s) re-reads the members in flight in case a completion callback was lost.
/// </summary>
public sealed partial class CohortRunGrain(
    [PersistentState("cohort-run", StorageNames.Twins)] IPersistentState<CohortRunState> state,
    TimeProvider time,
    ILogger<CohortRunGrain> logger) : Grain, ICohortRunGrain
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(10);

    private Dictionary<string, int>? _members;
    private IGrainTimer? _sweep;

    private string CohortId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string RunId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal) + 1)..];

    private int Total => state.State.TwinIds.Count * state.State.Scenarios.Count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Status == CohortRunStatus.Running)
        {
            StartSweep(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<WriteResult> StartAsync(IReadOnlyList<string> twinIds, IReadOnlyList<CohortScenario> scenarios, int maxInFlight)
    {
        if (state.RecordExists)
        {
            return WriteResult.Of(WriteOutcome.Unchanged);
        }

        if (twinIds.Count == 0 || scenarios.Count == 0)
        {
            return WriteResult.Invalid([new ValidationError(twinIds.Count == 0 ? "twinIds" : "scenarios", "must not be empty")]);
        }

        state.State = new CohortRunState
        {
            // Concrete collections: stored state must not hold compiler-made collection types.
            TwinIds = twinIds.ToList(),
            Scenarios = scenarios.Select(s => s with { Therapies = s.Therapies.ToArray() }).ToList(),
            MaxInFlight = Math.Max(1, maxInFlight),
            StartedAt = time.GetUtcNow(),
            Status = CohortRunStatus.Running,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICohortGrain>(CohortId).AddRunAsync(RunId);
        StartSweep(SweepPeriod);
        await PumpAsync();
        return WriteResult.Of(WriteOutcome.Created);
    }

    public Task<CohortProgress?> GetProgressAsync()
    {
        if (!state.RecordExists)
        {
            return Task.FromResult<CohortProgress?>(null);
        }

        var s = state.State;
        return Task.FromResult<CohortProgress?>(new CohortProgress(
            CohortId, RunId, s.Status, Total, s.Finished.Count, s.FailedMembers.Count, s.InFlight.Count, [.. s.Scenarios], [.. s.TwinIds], s.StartedAt, s.FinishedAt,
            s.FailedMembers.Order().ToArray()));
    }

    public async Task CancelAsync()
    {
        if (state.State.Status == CohortRunStatus.Running)
        {
            state.State.Status = CohortRunStatus.Cancelled;
            await state.WriteStateAsync();
        }
    }

    public async Task ResumeAsync()
    {
        if (!state.RecordExists || state.State.Status == CohortRunStatus.Completed)
        {
            return;
        }

        if (state.State.Status == CohortRunStatus.Cancelled)
        {
            state.State.Status = CohortRunStatus.Running;
            await state.WriteStateAsync();
        }

        StartSweep(SweepPeriod);
        await SweepAsync();
    }

    public async Task OnMemberFinishedAsync(string scenarioKey, bool succeeded)
    {
        if (Members().TryGetValue(scenarioKey, out var k) && await RecordAsync(k, succeeded))
        {
            await PumpAsync();
        }
    }

    /// <summary>Re-attaches to the members in flight (starting again those the crash interrupted) and fills the window.</summary>
    private async Task SweepAsync()
    {
        var changed = false;
        foreach (var k in state.State.InFlight.ToList())
        {
            var outcome = await StartMemberAsync(k);
            if (outcome is { } succeeded)
            {
                changed |= await RecordAsync(k, succeeded, persist: false);
            }
        }

        if (changed)
        {
            await PersistAsync();
        }

        await PumpAsync();
    }

    /// <summary>Starts members until the window is full; the cursor and window are durable before any member starts.</summary>
    private async Task PumpAsync()
    {
        if (state.State.Status != CohortRunStatus.Running)
        {
            return;
        }

        var started = new List<int>();
        while (state.State.InFlight.Count < state.State.MaxInFlight && state.State.Cursor < Total)
        {
            var k = state.State.Cursor++;
            state.State.InFlight.Add(k);
            started.Add(k);
        }

        if (started.Count > 0)
        {
            await PersistAsync();
        }

        var outcomes = await Task.WhenAll(started.Select(async k => (K: k, Outcome: await StartMemberAsync(k))));
        var changed = false;
        foreach (var (k, outcome) in outcomes)
        {
            if (outcome is { } succeeded)
            {
                changed |= await RecordAsync(k, succeeded, persist: false);
            }
        }

        if (changed)
        {
            await PersistAsync();
            await PumpAsync();
        }
        else if (state.State.Finished.Count == Total && state.State.Status == CohortRunStatus.Running)
        {
            await PersistAsync();
        }
    }

    /// <summary>Starts (or re-attaches to) member k; its outcome when it is already over, otherwise null.</summary>
    private async Task<bool?> StartMemberAsync(int k)
    {
        var (twinId, scenario) = Member(k);
        var grain = GrainFactory.GetGrain<IScenarioGrain>(ScenarioKeyOf(k));
        try
        {
            var result = await grain.StartAsync(scenario.Name, scenario.Therapies, this.GetPrimaryKeyString());
            if (result.Outcome is WriteOutcome.NotFound or WriteOutcome.Invalid or WriteOutcome.Conflict)
            {
                LogMemberRefused(logger, twinId, scenario.ScenarioId, result.Outcome.ToString());
                return false;
            }

            var view = await grain.GetAsync();
            return view?.Status switch
            {
                ScenarioStatus.Completed => true,
                ScenarioStatus.Failed => false,
                _ => null,
            };
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The runtime could not deliver the call (a silo shutting down or gone, no placement yet,
            // a timeout): no verdict on the member, which stays in flight for the next sweep.
            LogMemberDeferred(logger, twinId, scenario.ScenarioId, ex.GetType().Name);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One member's trouble never fails the run: it is counted as failed.
            LogMemberRefused(logger, twinId, scenario.ScenarioId, ex.Message);
            return false;
        }
    }

    private async Task<bool> RecordAsync(int k, bool succeeded, bool persist = true)
    {
        if (!state.State.InFlight.Remove(k) || !state.State.Finished.Add(k))
        {
            return false;
        }

        if (!succeeded)
        {
            state.State.FailedMembers.Add(k);
        }

        if (persist)
        {
            await PersistAsync();
        }

        return true;
    }

    private async Task PersistAsync()
    {
        if (state.State.Finished.Count == Total && state.State.Status == CohortRunStatus.Running)
        {
            state.State.Status = CohortRunStatus.Completed;
            state.State.FinishedAt = time.GetUtcNow();
            _sweep?.Dispose();
            _sweep = null;
        }

        await state.WriteStateAsync();
    }

    private void StartSweep(TimeSpan due)
    {
        _sweep?.Dispose();
        _sweep = this.RegisterGrainTimer(
            async _ =>
            {
                if (state.State.Status == CohortRunStatus.Running)
                {
                    await SweepAsync();
                }
            },
            new GrainTimerCreationOptions { DueTime = due, Period = SweepPeriod, Interleave = false });
    }

    private (string TwinId, CohortScenario Scenario) Member(int k)
    {
        var s = state.State.Scenarios.Count;
        return (state.State.TwinIds[k / s], state.State.Scenarios[k % s]);
    }

    /// <summary>The member's scenario grain key: "{twinId}/{cohortId}-{runId}-{scenarioId}".</summary>
    private string ScenarioKeyOf(int k)
    {
        var (twinId, scenario) = Member(k);
        return ScenarioKeys.Of(twinId, $"{CohortId}-{RunId}-{scenario.ScenarioId}");
    }

    private Dictionary<string, int> Members()
        => _members ??= Enumerable.Range(0, Total).ToDictionary(ScenarioKeyOf, k => k, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort member {TwinId}/{ScenarioId} not reached ({Reason}); retried at the next sweep")]
    private static partial void LogMemberDeferred(ILogger logger, string twinId, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cohort member {TwinId}/{ScenarioId} could not start: {Reason}")]
    private static partial void LogMemberRefused(ILogger logger, string twinId, string scenarioId, string reason);
}
