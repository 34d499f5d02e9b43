using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;
using Primage.Kernels.Runner;

namespace Primage.Silo.Backends.Local;

/// <summary>
/// Runs steps in this process with the kernel runner: at most MaxParallelism at once, each on its own
/// dedicated thread (never the Orleans scheduler), taken round-robin across the owners' queues
/// (StepSpec.OwnerKey) so a twin with 500 queued steps does not starve another twin with one.
/// Walltime is enforced by cancelling the runner's token and reported as Timeout.
/// Idempotent by step id and attempt within the process (job id "stepId#attempt"). Jobs die with the
/// process: reattaching to a job this process does not know re-runs the step from its durable spec,
/// which is sound because kernel steps are deterministic and free of side effects (same input bytes,
/// same output document).
/// </summary>
public sealed partial class LocalBackend : IComputeBackend, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LocalJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<LocalJob>> _queues = new(StringComparer.Ordinal);
    private readonly Queue<string> _ownerRing = new();
    private readonly IStepEventSink _sink;
    private readonly IStepSpecSource _specs;
    private readonly LocalBackendOptions _options;
    private readonly LocalStepRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalBackend> _logger;
    private int _running;
    private bool _disposed;

    public LocalBackend(
        IStepEventSink sink,
        IStepSpecSource specs,
        IOptions<LocalBackendOptions> options,
        LocalStepRunner runner,
        TimeProvider time,
        ILogger<LocalBackend> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sink = sink;
        _specs = specs;
        _options = options.Value;
        _runner = runner;
        _time = time;
        _logger = logger;
    }

    /// <summary>The production runner: the kernel runner's entry point.</summary>
    public static LocalStepRunner KernelRunner { get; } = StepRunner.Run;

    public string Name => _options.Name;

    /// <summary>Jobs run on this process's threads and are lost with it.</summary>
    public bool JobsDieWithProcess => true;

    /// <summary>Steps running now (for tests and metrics).</summary>
    public int RunningCount
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    public static string JobIdFor(string stepId, int attempt) => $"{stepId}#{attempt}";

    public Task<string> SubmitAsync(StepSpec step, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ObjectDisposedException.ThrowIf(_disposed, this);
        LocalJob job;
        lock (_lock)
        {
            PurgeFinished();
            if (_jobs.TryGetValue(step.StepId, out var existing) && existing.Attempt >= attempt)
            {
                return Task.FromResult(existing.JobId);
            }

            job = new LocalJob(step, attempt, JobIdFor(step.StepId, attempt));
            _jobs[step.StepId] = job;
            Enqueue(job);
        }

        LogQueued(_logger, job.JobId, step.OwnerKey ?? "");
        Dispatch();
        return Task.FromResult(job.JobId);
    }

    public async Task ReattachAsync(string stepId, string backendJobId, int attempt, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        LocalJob? job;
        lock (_lock)
        {
            _jobs.TryGetValue(stepId, out job);
        }

        if (job is not null && job.Attempt >= attempt)
        {
            if (job.JobId == backendJobId && job.Result is { } result)
            {
                // Already finished here; the earlier report may not have arrived, and the sink ignores repeats.
                await ReportFinishedAsync(result);
            }

            return;
        }

        // The process that ran it is gone: run it again (deterministic, side-effect free).
        var spec = await _specs.GetSpecAsync(stepId, cancellationToken);
        if (spec is null)
        {
            var now = _time.GetUtcNow();
            await ReportFinishedAsync(new StepResult(
                stepId, backendJobId, StepOutcome.Failed, null, "no durable spec to re-run the lost local job", null, now, Name));
            return;
        }

        LogRerunning(_logger, backendJobId);
        await SubmitAsync(spec, attempt, cancellationToken);
    }

    public async Task CancelAsync(string stepId, string backendJobId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        StepResult? report = null;
        lock (_lock)
        {
            if (!_jobs.TryGetValue(stepId, out var job) || job.JobId != backendJobId)
            {
                // Unknown here (the process that ran it is gone): nothing runs, so it is cancelled.
                report = new StepResult(
                    stepId, backendJobId, StepOutcome.Cancelled, null, "cancelled", null, _time.GetUtcNow(), Name);
            }
            else if (job.Result is not null)
            {
                return;
            }
            else if (!job.Started)
            {
                // Still queued: finish it now instead of waiting for a slot (the queue skips finished jobs).
                report = job.Finish(new StepResult(
                    stepId, backendJobId, StepOutcome.Cancelled, null, "cancelled before it started", null, _time.GetUtcNow(), Name));
            }
            else
            {
                job.Cancellation.Cancel();
            }
        }

        if (report is not null)
        {
            await ReportFinishedAsync(report);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            // A job stopped by shutdown is lost, not cancelled: nothing is reported, and the durable run
            // record reattaches (re-runs) it after the restart.
            _disposed = true;
            foreach (var job in _jobs.Values)
            {
                job.Cancellation.Cancel();
            }
        }
    }

    private void Enqueue(LocalJob job)
    {
        var owner = job.Step.OwnerKey ?? "";
        if (!_queues.TryGetValue(owner, out var queue))
        {
            queue = new Queue<LocalJob>();
            _queues[owner] = queue;
            _ownerRing.Enqueue(owner);
        }

        queue.Enqueue(job);
    }

    /// <summary>Round robin: one job from the owner at the head of the ring, who then goes to the back.</summary>
    private LocalJob? DequeueFair()
    {
        while (_ownerRing.Count > 0)
        {
            var owner = _ownerRing.Dequeue();
            var queue = _queues[owner];
            while (queue.Count > 0)
            {
                var job = queue.Dequeue();
                if (job.Result is not null)
                {
                    continue;
                }

                if (queue.Count > 0)
                {
                    _ownerRing.Enqueue(owner);
                }
                else
                {
                    _queues.Remove(owner);
                }

                return job;
            }

            _queues.Remove(owner);
        }

        return null;
    }

    private void Dispatch()
    {
        List<LocalJob>? start = null;
        lock (_lock)
        {
            while (!_disposed && _running < _options.MaxParallelism && DequeueFair() is { } job)
            {
                job.Started = true;
                _running++;
                (start ??= []).Add(job);
            }
        }

        if (start is null)
        {
            return;
        }

        foreach (var job in start)
        {
            _ = Task.Factory.StartNew(
                () => RunJobAsync(job), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RunJobAsync(LocalJob job)
    {
        var startedAt = _time.GetUtcNow();
        var runningReport = ReportAsync(() => _sink.OnStepRunningAsync(job.Step.StepId, job.JobId, startedAt), job.JobId);
        StepResult result;
        try
        {
            // The kernel itself gets a dedicated thread: it is long, synchronous and CPU bound.
            var (outcome, output, error) = await Task.Factory.StartNew(
                () => Execute(job), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            result = new StepResult(job.Step.StepId, job.JobId, outcome, output, error, startedAt, _time.GetUtcNow(), Name);
        }
        catch (Exception ex)
        {
            result = new StepResult(job.Step.StepId, job.JobId, StepOutcome.Failed, null, ex.Message, startedAt, _time.GetUtcNow(), Name);
        }

        bool disposed;
        lock (_lock)
        {
            job.Finish(result);
            _running--;
            disposed = _disposed;
        }

        Dispatch();
        await runningReport;
        if (!disposed)
        {
            LogFinished(_logger, job.JobId, result.Outcome);
            await ReportFinishedAsync(result);
        }
    }

    private (StepOutcome Outcome, byte[]? Output, string? Error) Execute(LocalJob job)
    {
        var walltime = job.Step.Resources.Walltime ?? _options.DefaultWalltime;
        using var walltimeSource = walltime is { } limit
            ? new CancellationTokenSource(limit, _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.Cancellation.Token, walltimeSource.Token);
        try
        {
            var output = _runner(job.Step.InputDocument, _options.IncludeTimings, linked.Token);
            if (walltimeSource.IsCancellationRequested)
            {
                // The runner ignored the token and overran: a cluster would have killed it.
                return (StepOutcome.Timeout, null, $"walltime {walltime} exceeded");
            }

            return (StepOutcome.Succeeded, output, null);
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            return (StepOutcome.Cancelled, null, "cancelled");
        }
        catch (OperationCanceledException) when (walltimeSource.IsCancellationRequested)
        {
            return (StepOutcome.Timeout, null, $"walltime {walltime} exceeded");
        }
        catch (StepInputException ex)
        {
            return (StepOutcome.InputRejected, null, ex.Message);
        }
        catch (OutOfMemoryException ex)
        {
            return (StepOutcome.OutOfMemory, null, ex.Message);
        }
        catch (Exception ex)
        {
            return (StepOutcome.Failed, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private Task ReportFinishedAsync(StepResult result)
        => ReportAsync(() => _sink.OnStepFinishedAsync(result), result.BackendJobId);

    /// <summary>Delivers one event with a few retries (0.2 s, 0.4 s, ...): the sink is a grain call that may fail transiently.</summary>
    private async Task ReportAsync(Func<Task> report, string jobId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await report();
                return;
            }
            catch (Exception ex) when (attempt < _options.ReportTries && !_disposed)
            {
                LogReportRetry(_logger, jobId, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1)), _time);
            }
            catch (Exception ex)
            {
                LogReportFailed(_logger, jobId, ex);
                return;
            }
        }
    }

    private void PurgeFinished()
    {
        var cutoff = _time.GetUtcNow() - _options.FinishedRetention;
        List<string>? expired = null;
        foreach (var (stepId, job) in _jobs)
        {
            if (job.Result is { } result && result.FinishedAt < cutoff)
            {
                (expired ??= []).Add(stepId);
            }
        }

        if (expired is not null)
        {
            foreach (var stepId in expired)
            {
                _jobs.Remove(stepId);
            }
        }
    }

    /// <summary>One job of this process; mutable fields are guarded by the backend's lock.</summary>
    private sealed class LocalJob(StepSpec step, int attempt, string jobId)
    {
        public StepSpec Step { get; } = step;

        public int Attempt { get; } = attempt;

        public string JobId { get; } = jobId;

        public CancellationTokenSource Cancellation { get; } = new();

        public bool Started { get; set; }

        public StepResult? Result { get; private set; }

        public StepResult Finish(StepResult result)
        {
            Result = result;
            return result;
        }
    }
}
