using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Primage.Grains.Scheduling;

/// <summary>
/// The durable record of one run, keyed by step id (see <see cref="ISimulationRunGrain"/>).
/// Every state change is persisted before anything is sent to the backend, and the backend is only
/// called from tasks on the thread pool that report back through this grain's On... methods, so no
/// grain turn ever waits on a backend or a step. Transitions and the retry policy live in
/// <see cref="RunStateMachine"/>. While the run needs attention it is listed in its
/// <see cref="IRunIndexGrain"/> shard, which a restarted silo walks to call <see cref="ResumeAsync"/>,
/// and whose watchdog reminder calls it every period on a live silo (<see cref="IndexWatchdog"/>).
/// While it drives a job of an in-process backend the activation is kept (never idle-collected), so
/// such a job is only run again elsewhere once the silo running it is gone.
/// </summary>
public sealed partial class SimulationRunGrain(
    [PersistentState(SchedulingStorage.RunStateName, SchedulingStorage.Name)] IPersistentState<SimulationRunState> run,
    IComputeBackendRegistry backends,
    IOptions<SimulationSchedulerOptions> options,
    TimeProvider time,
    ILogger<SimulationRunGrain> logger) : Grain, ISimulationRunGrain
{
    /// <summary>Bound on one backend call made on the run's behalf (submit, reattach, cancel).</summary>
    private static readonly TimeSpan BackendCallTimeout = TimeSpan.FromMinutes(5);

    private readonly SimulationSchedulerOptions _options = options.Value;
    private IGrainTimer? _submitTimer;
    private IGrainTimer? _reattachTimer;
    private IGrainTimer? _notifyTimer;
    private int _notifyFailures;
    private int _reattachFailures;
    private bool _notifying;

    /// <summary>True once this activation drives the current job (submitting, waiting to, or reattached).</summary>
    private bool _tracking;

    private string StepId => this.GetPrimaryKeyString();

    private SimulationRunState Run => run.State;

    private IRunIndexGrain Index => GrainFactory.GetGrain<IRunIndexGrain>(RunIndexShards.ShardOf(StepId));

    public async Task<RunStatus> StartAsync(StepSpec step, string backend, IRunOwnerGrain? owner)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        if (!string.Equals(step.StepId, StepId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Step id '{step.StepId}' does not match run '{StepId}'.", nameof(step));
        }

        if (Run.Exists)
        {
            return Run.ToStatus();
        }

        // Index first: a crash between the two writes leaves an index entry that ResumeAsync removes.
        await Index.AddAsync(StepId);
        var decision = RunStateMachine.Create(Run, step, backend, owner?.GetGrainId().ToString(), time.GetUtcNow());
        LogCreated(logger, StepId, step.Task, backend);
        await ApplyAsync(decision);
        return Run.ToStatus();
    }

    public Task<RunStatus?> GetStatusAsync() => Task.FromResult(Run.Exists ? Run.ToStatus() : null);

    public Task<StepSpec?> GetSpecAsync() => Task.FromResult(Run.Step);

    public async Task<RunStatus?> CancelAsync()
    {
        if (!Run.Exists)
        {
            return null;
        }

        var decision = RunStateMachine.Cancel(Run, time.GetUtcNow());
        if (decision.Changed)
        {
            LogCancelled(logger, StepId, Run.Attempts);
        }

        await ApplyAsync(decision);
        return Run.ToStatus();
    }

    public async Task ResumeAsync()
    {
        if (!Run.Exists)
        {
            await Index.RemoveAsync(StepId);
            DeactivateOnIdle();
            return;
        }

        if (Run.IsTerminal)
        {
            await FinishTerminalAsync();
            return;
        }

        if (_tracking)
        {
            // This activation drives the run (a watchdog tick found it alive). Ask the backend about the job
            // again (idempotent: a job it knows is left as it is), so a finished job whose event could not be
            // delivered is reported now rather than at the next restart.
            if (Run.State is RunState.Submitted or RunState.Running && Run.BackendJobId is not null
                && _submitTimer is null && _reattachTimer is null)
            {
                BeginReattach(announce: false);
            }

            return;
        }

        LogResuming(logger, StepId, Run.State, Run.Attempts);
        if (Run.State == RunState.Pending || Run.BackendJobId is null)
        {
            // Backends look the job up by step id and attempt before submitting, so this never duplicates.
            BeginSubmit();
        }
        else
        {
            BeginReattach(announce: true);
        }
    }

    public async Task OnSubmittedAsync(int attempt, string backendJobId)
    {
        var decision = RunStateMachine.Submitted(Run, attempt, backendJobId, time.GetUtcNow());
        if (decision.Changed)
        {
            LogSubmitted(logger, StepId, attempt, backendJobId);
        }

        await ApplyAsync(decision);
    }

    public async Task OnSubmitFailedAsync(int attempt, string error)
    {
        var decision = RunStateMachine.SubmitFailed(Run, attempt, error, _options, time.GetUtcNow());
        if (decision.Changed)
        {
            LogSubmitFailed(logger, StepId, attempt, Run.SubmitFailures, error);
        }

        await ApplyAsync(decision);
    }

    public Task OnReattachFailedAsync(int attempt, string error)
    {
        if (Run.IsTerminal || attempt != Run.Attempts || Run.BackendJobId is null)
        {
            return Task.CompletedTask;
        }

        _reattachFailures++;
        var delay = _options.Backoff(_reattachFailures);
        LogReattachFailed(logger, StepId, Run.BackendJobId, delay, error);
        _reattachTimer?.Dispose();
        _reattachTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnReattachTimerAsync(),
            this,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
        DelayDeactivation(delay + TimeSpan.FromMinutes(1));
        return Task.CompletedTask;
    }

    public async Task OnRunningAsync(string backendJobId, DateTimeOffset startedAt)
    {
        if (!Run.Exists)
        {
            return;
        }

        await ApplyAsync(RunStateMachine.Running(Run, backendJobId, startedAt));
    }

    public async Task OnFinishedAsync(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!Run.Exists)
        {
            LogUnknownRun(logger, StepId, result.BackendJobId);
            return;
        }

        var attempt = Run.Attempts;
        var decision = RunStateMachine.Finished(Run, result, _options, time.GetUtcNow());
        if (decision.Changed)
        {
            LogFinished(logger, StepId, attempt, result.Outcome, Run.State);
        }

        await ApplyAsync(decision);
    }

    /// <summary>Persists a transition, then does what it asks (never before the write succeeded).</summary>
    private async Task ApplyAsync(RunDecision decision)
    {
        if (!decision.Changed)
        {
            return;
        }

        await run.WriteStateAsync();
        if (decision.CancelJobId is { } jobId)
        {
            BeginCancel(jobId);
        }

        if (decision.SubmitAfter is { } delay)
        {
            ScheduleSubmit(delay);
        }

        if (decision.BecameTerminal)
        {
            // The job is over: the activation may be collected again like any other.
            DelayDeactivation(TimeSpan.Zero);
            _submitTimer?.Dispose();
            _submitTimer = null;
            _reattachTimer?.Dispose();
            _reattachTimer = null;
            await FinishTerminalAsync();
        }
    }

    private void ScheduleSubmit(TimeSpan delay)
    {
        _tracking = true;
        _submitTimer?.Dispose();
        _submitTimer = null;
        if (delay <= TimeSpan.Zero)
        {
            BeginSubmit();
            return;
        }

        _submitTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnSubmitTimerAsync(),
            this,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));

        // Timers do not keep an idle grain alive; a grain collected anyway is woken by the index at restart.
        DelayDeactivation(delay + TimeSpan.FromMinutes(1));
    }

    private Task OnSubmitTimerAsync()
    {
        _submitTimer?.Dispose();
        _submitTimer = null;
        if (Run.State == RunState.Pending)
        {
            BeginSubmit();
        }

        return Task.CompletedTask;
    }

    private Task OnReattachTimerAsync()
    {
        _reattachTimer?.Dispose();
        _reattachTimer = null;
        if (!Run.IsTerminal && Run.BackendJobId is not null)
        {
            BeginReattach(announce: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Submits the current attempt from the thread pool; the answer comes back as a grain call.</summary>
    private void BeginSubmit()
    {
        _tracking = true;
        HoldWhileJobRunsHere();
        var self = this.AsReference<ISimulationRunGrain>();
        var spec = Run.Step!;
        var attempt = Run.Attempts;
        var backendName = Run.Backend;
        var registry = backends;
        var log = logger;
        OffScheduler(async () =>
        {
            string jobId;
            try
            {
                using var timeout = new CancellationTokenSource(BackendCallTimeout);
                jobId = await registry.Get(backendName).SubmitAsync(spec, attempt, timeout.Token);
            }
            catch (Exception ex)
            {
                await ReportAsync(log, spec.StepId, () => self.OnSubmitFailedAsync(attempt, ex.Message));
                return;
            }

            await ReportAsync(log, spec.StepId, () => self.OnSubmittedAsync(attempt, jobId));
        });
    }

    private void BeginReattach(bool announce)
    {
        _tracking = true;
        HoldWhileJobRunsHere();
        var self = this.AsReference<ISimulationRunGrain>();
        var stepId = StepId;
        var jobId = Run.BackendJobId!;
        var attempt = Run.Attempts;
        var backendName = Run.Backend;
        var registry = backends;
        var log = logger;
        if (announce)
        {
            LogReattaching(logger, stepId, jobId, attempt);
        }

        OffScheduler(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(BackendCallTimeout);
                await registry.Get(backendName).ReattachAsync(stepId, jobId, attempt, timeout.Token);
            }
            catch (Exception ex)
            {
                await ReportAsync(log, stepId, () => self.OnReattachFailedAsync(attempt, ex.Message));
            }
        });
    }

    /// <summary>
    /// The job of an in-process backend (local) lives in this silo, beside this activation. Keep the
    /// activation until the run is terminal: idle collection would otherwise let a watchdog tick create
    /// the run again on another silo, whose backend does not know the job and would run it a second time.
    /// </summary>
    private void HoldWhileJobRunsHere()
    {
        bool inProcess;
        try
        {
            inProcess = backends.Get(Run.Backend).JobsDieWithProcess;
        }
        catch (KeyNotFoundException)
        {
            inProcess = false; // not configured here: the submission or reattach reports that
        }

        if (inProcess)
        {
            DelayDeactivation(TimeSpan.MaxValue);
        }
    }

    private void BeginCancel(string jobId)
    {
        var stepId = StepId;
        var backendName = Run.Backend;
        var registry = backends;
        var log = logger;
        OffScheduler(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(BackendCallTimeout);
                await registry.Get(backendName).CancelAsync(stepId, jobId, timeout.Token);
            }
            catch (Exception ex)
            {
                LogCancelFailed(log, stepId, jobId, ex);
            }
        });
    }

    /// <summary>Terminal: tell the owner once (retrying with backoff), then leave the index.</summary>
    private async Task FinishTerminalAsync()
    {
        if (Run.OwnerNotified || Run.Owner is null)
        {
            await Index.RemoveAsync(StepId);
            return;
        }

        if (_notifyTimer is not null || _notifying)
        {
            return;
        }

        ScheduleNotify(TimeSpan.Zero);
    }

    private void ScheduleNotify(TimeSpan delay)
    {
        // Interleaving, so the owner may read this run (or resubmit its step id) from its callback.
        _notifyTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.NotifyOwnerAsync(),
            this,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
        DelayDeactivation(delay + TimeSpan.FromMinutes(1));
    }

    private async Task NotifyOwnerAsync()
    {
        _notifyTimer?.Dispose();
        _notifyTimer = null;
        if (_notifying || Run.OwnerNotified || Run.Owner is null)
        {
            return;
        }

        _notifying = true;
        try
        {
            var owner = GrainFactory.GetGrain<IRunOwnerGrain>(GrainId.Parse(Run.Owner));
            await owner.OnRunFinishedAsync(Run.ToStatus());
        }
        catch (Exception ex)
        {
            _notifying = false;
            _notifyFailures++;
            var delay = _options.Backoff(_notifyFailures);
            LogNotifyFailed(logger, StepId, Run.Owner, delay, ex);
            ScheduleNotify(delay);
            return;
        }

        Run.OwnerNotified = true;
        await run.WriteStateAsync();
        _notifying = false;
        await Index.RemoveAsync(StepId);
    }

    private static void OffScheduler(Func<Task> work)
        => _ = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default)
            .Unwrap();

    /// <summary>Calls back into the grain; if the silo is going down the index resumes the run later.</summary>
    private static async Task ReportAsync(ILogger log, string stepId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            LogReportFailed(log, stepId, ex);
        }
    }
}
