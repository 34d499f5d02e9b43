using Akka.Actor;
using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>
/// One run under the Akka.NET scheduler: the same <see cref="RunStateMachine"/> and retry policy as the
/// Orleans run grain, with the record persisted through <see cref="IRunRecordStore"/> before anything is
/// sent to the backend. Handlers are asynchronous and the mailbox waits for each (like a non-reentrant
/// grain); backend calls and owner callbacks run on the thread pool and come back as messages; retry
/// backoff uses the actor system's scheduler.
/// </summary>
internal sealed partial class RunActor : ReceiveActor
{
    private static readonly TimeSpan BackendCallTimeout = TimeSpan.FromMinutes(5);

    private readonly string _stepId;
    private readonly RunActorContext _context;
    private SimulationRunState? _run;
    private ICancelable? _submitTimer;
    private ICancelable? _retryTimer;
    private bool _tracking;
    private bool _notifying;
    private int _notifyFailures;
    private int _reattachFailures;

    public RunActor(string stepId, RunActorContext context)
    {
        _stepId = stepId;
        _context = context;

        ReceiveAsync<SubmitRun>(message => ReplyAsync(() => StartAsync(message)));
        ReceiveAsync<GetRun>(_ => ReplyAsync(async () => new RunReply((await LoadAsync()).Exists ? _run!.ToStatus() : null)));
        ReceiveAsync<GetSpec>(_ => ReplyAsync(async () => new SpecReply((await LoadAsync()).Step)));
        ReceiveAsync<CancelRun>(_ => ReplyAsync(CancelAsync));
        ReceiveAsync<ResumeRun>(_ => ResumeAsync());
        ReceiveAsync<StepRunning>(message => ReplyAsync(async () =>
        {
            var run = await LoadAsync();
            if (run.Exists)
            {
                await ApplyAsync(RunStateMachine.Running(run, message.JobId, message.StartedAt));
            }

            return EventAck.Instance;
        }));
        ReceiveAsync<StepFinished>(message => ReplyAsync(async () =>
        {
            var run = await LoadAsync();
            if (run.Exists)
            {
                var attempt = run.Attempts;
                var decision = RunStateMachine.Finished(run, message.Result, _context.Options, _context.Time.GetUtcNow());
                if (decision.Changed)
                {
                    LogFinished(_context.Logger, _stepId, attempt, message.Result.Outcome, run.State);
                }

                await ApplyAsync(decision);
            }

            return EventAck.Instance;
        }));
        ReceiveAsync<SubmitNow>(async message =>
        {
            var run = await LoadAsync();
            if (run.State == RunState.Pending && run.Attempts == message.Attempt)
            {
                BeginSubmit();
            }
        });
        ReceiveAsync<SubmitSucceeded>(async message =>
        {
            var run = await LoadAsync();
            await ApplyAsync(RunStateMachine.Submitted(run, message.Attempt, message.JobId, _context.Time.GetUtcNow()));
        });
        ReceiveAsync<SubmitFailedMessage>(async message =>
        {
            var run = await LoadAsync();
            var decision = RunStateMachine.SubmitFailed(run, message.Attempt, message.Error, _context.Options, _context.Time.GetUtcNow());
            if (decision.Changed)
            {
                LogSubmitFailed(_context.Logger, _stepId, message.Attempt, message.Error);
            }

            await ApplyAsync(decision);
        });
        ReceiveAsync<ReattachFailedMessage>(async message =>
        {
            var run = await LoadAsync();
            if (!run.IsTerminal && run.Attempts == message.Attempt && run.BackendJobId is not null)
            {
                _reattachFailures++;
                var delay = _context.Options.Backoff(_reattachFailures);
                LogReattachFailed(_context.Logger, _stepId, delay, message.Error);
                _retryTimer?.Cancel();
                _retryTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, new ReattachNow(message.Attempt), Self);
            }
        });
        ReceiveAsync<ReattachNow>(async message =>
        {
            var run = await LoadAsync();
            if (!run.IsTerminal && run.Attempts == message.Attempt && run.BackendJobId is not null)
            {
                BeginReattach();
            }
        });
        ReceiveAsync<NotifyNow>(async _ =>
        {
            await LoadAsync();
            BeginNotify();
        });
        ReceiveAsync<OwnerNotifiedMessage>(async _ =>
        {
            var run = await LoadAsync();
            _notifying = false;
            run.OwnerNotified = true;
            await _context.Store.SaveAsync(run, CancellationToken.None);
            await _context.Store.RemoveActiveAsync(_stepId, CancellationToken.None);
        });
        ReceiveAsync<OwnerNotifyFailed>(async message =>
        {
            await LoadAsync();
            _notifying = false;
            _notifyFailures++;
            var delay = _context.Options.Backoff(_notifyFailures);
            LogNotifyFailed(_context.Logger, _stepId, delay, message.Error);
            _retryTimer?.Cancel();
            _retryTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, new NotifyNow(), Self);
        });
    }

    protected override void PostStop()
    {
        _submitTimer?.Cancel();
        _retryTimer?.Cancel();
        base.PostStop();
    }

    /// <summary>Runs a request and answers the asker, with a failure the asker sees as an exception.</summary>
    private async Task ReplyAsync(Func<Task<object>> handle)
    {
        var sender = Sender;
        try
        {
            sender.Tell(await handle());
        }
        catch (Exception ex)
        {
            LogRequestFailed(_context.Logger, _stepId, ex);
            sender.Tell(new Status.Failure(ex));
            _run = null; // reload from the store next time: the in-memory copy may be ahead of it
        }
    }

    private async Task<SimulationRunState> LoadAsync()
    {
        _run ??= await _context.Store.LoadAsync(_stepId, CancellationToken.None) ?? new SimulationRunState();
        return _run;
    }

    private async Task<object> StartAsync(SubmitRun message)
    {
        var run = await LoadAsync();
        if (run.Exists)
        {
            return run.ToStatus();
        }

        // Active set first: a crash between the two writes leaves an entry the resume pass removes.
        await _context.Store.AddActiveAsync(_stepId, CancellationToken.None);
        var decision = RunStateMachine.Create(run, message.Step, message.Backend, message.Owner, _context.Time.GetUtcNow());
        LogCreated(_context.Logger, _stepId, message.Step.Task, message.Backend);
        await ApplyAsync(decision);
        return run.ToStatus();
    }

    private async Task<object> CancelAsync()
    {
        var run = await LoadAsync();
        if (!run.Exists)
        {
            return new RunReply(null);
        }

        await ApplyAsync(RunStateMachine.Cancel(run, _context.Time.GetUtcNow()));
        return new RunReply(run.ToStatus());
    }

    private async Task ResumeAsync()
    {
        try
        {
            var run = await LoadAsync();
            if (!run.Exists)
            {
                await _context.Store.RemoveActiveAsync(_stepId, CancellationToken.None);
                return;
            }

            if (run.IsTerminal)
            {
                await FinishTerminalAsync(run);
                return;
            }

            if (_tracking)
            {
                return;
            }

            LogResuming(_context.Logger, _stepId, run.State, run.Attempts);
            if (run.State == RunState.Pending || run.BackendJobId is null)
            {
                BeginSubmit();
            }
            else
            {
                BeginReattach();
            }
        }
        catch (Exception ex)
        {
            LogRequestFailed(_context.Logger, _stepId, ex);
        }
    }

    /// <summary>Persists a transition, then does what it asks (never before the write succeeded).</summary>
    private async Task ApplyAsync(RunDecision decision)
    {
        if (!decision.Changed)
        {
            return;
        }

        var run = _run!;
        await _context.Store.SaveAsync(run, CancellationToken.None);
        if (decision.CancelJobId is { } jobId)
        {
            BeginCancel(run.Backend, jobId);
        }

        if (decision.SubmitAfter is { } delay)
        {
            _tracking = true;
            _submitTimer?.Cancel();
            if (delay <= TimeSpan.Zero)
            {
                BeginSubmit();
            }
            else
            {
                _submitTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, new SubmitNow(run.Attempts), Self);
            }
        }

        if (decision.BecameTerminal)
        {
            _submitTimer?.Cancel();
            await FinishTerminalAsync(run);
        }
    }

    private void BeginSubmit()
    {
        _tracking = true;
        var self = Self;
        var run = _run!;
        var spec = run.Step!;
        var attempt = run.Attempts;
        var backendName = run.Backend;
        var backends = _context.Backends;
        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(BackendCallTimeout);
                var jobId = await backends.Get(backendName).SubmitAsync(spec, attempt, timeout.Token);
                self.Tell(new SubmitSucceeded(attempt, jobId));
            }
            catch (Exception ex)
            {
                self.Tell(new SubmitFailedMessage(attempt, ex.Message));
            }
        });
    }

    private void BeginReattach()
    {
        _tracking = true;
        var self = Self;
        var run = _run!;
        var stepId = _stepId;
        var jobId = run.BackendJobId!;
        var attempt = run.Attempts;
        var backendName = run.Backend;
        var backends = _context.Backends;
        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(BackendCallTimeout);
                await backends.Get(backendName).ReattachAsync(stepId, jobId, attempt, timeout.Token);
            }
            catch (Exception ex)
            {
                self.Tell(new ReattachFailedMessage(attempt, ex.Message));
            }
        });
    }

    private void BeginCancel(string backendName, string jobId)
    {
        var stepId = _stepId;
        var backends = _context.Backends;
        var logger = _context.Logger;
        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(BackendCallTimeout);
                await backends.Get(backendName).CancelAsync(stepId, jobId, timeout.Token);
            }
            catch (Exception ex)
            {
                LogCancelFailed(logger, stepId, jobId, ex);
            }
        });
    }

    private async Task FinishTerminalAsync(SimulationRunState run)
    {
        if (run.OwnerNotified || run.Owner is null)
        {
            await _context.Store.RemoveActiveAsync(_stepId, CancellationToken.None);
            return;
        }

        BeginNotify();
    }

    /// <summary>Tells the owner grain once; the answer comes back as a message (retried with backoff on failure).</summary>
    private void BeginNotify()
    {
        var run = _run!;
        if (_notifying || run.OwnerNotified || run.Owner is null)
        {
            return;
        }

        _notifying = true;
        var self = Self;
        var owner = _context.Grains.GetGrain<IRunOwnerGrain>(GrainId.Parse(run.Owner));
        var status = run.ToStatus();
        _ = Task.Run(async () =>
        {
            try
            {
                await owner.OnRunFinishedAsync(status);
                self.Tell(new OwnerNotifiedMessage());
            }
            catch (Exception ex)
            {
                self.Tell(new OwnerNotifyFailed(ex.Message));
            }
        });
    }
}
