using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// Runs steps as SLURM batch jobs on one cluster over one shared SSH connection.
/// <list type="bullet">
/// <item>Submission: steps are batched into one remote command (a tar of inputs and batch scripts on
/// stdin); on the login node the command first looks for jobs already carrying each name
/// ("&lt;stepId&gt;.a&lt;attempt&gt;", squeue and the job-completion log) and submits only the others, so
/// a retried or restarted submission never makes a second job.</item>
/// <item>Tracking: every poll interval, one command asks squeue about all jobs of the account and
/// `sacct -c` about watched jobs squeue no longer knows; a token bucket caps controller calls.</item>
/// <item>Results: terminal states map exactly (<see cref="SlurmStateMapper"/>); the output document
/// (or stderr) comes down by SFTP; each job's terminal state goes to the sink once.</item>
/// </list>
/// All remote work runs on the thread pool; no call blocks its caller's thread.
/// </summary>
public sealed partial class SlurmBackend : IComputeBackend, IAsyncDisposable
{
    private const string OutputSchema = "primage.step-output/1";
    private const int MaxErrorLength = 2000;
    private const int MaxParallelDownloads = 8;
    private const int MaxRemovalsPerPoll = 500;

    // Jobs already delivered are remembered (so a late reattach or cancel does not report them twice)
    // up to this many, oldest forgotten first: memory stays bounded in a long-lived silo.
    private const int ReportedMemory = 100_000;
    private static readonly TimeSpan SubmitCoalescing = TimeSpan.FromMilliseconds(25);

    private readonly SlurmClusterOptions _options;
    private readonly IStepEventSink _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ISlurmCluster _cluster;
    private readonly TokenBucketRateLimiter _controller;
    private readonly ConcurrentDictionary<string, TrackedJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _jobIdByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingSubmission> _submissions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _reportedOrder = new();
    private readonly ConcurrentQueue<string> _removals = new();
    private readonly Channel<PendingSubmission> _submitQueue = Channel.CreateUnbounded<PendingSubmission>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _submitLoop;
    private readonly Task _pollLoop;
    private long _polls;
    private long _controllerCalls;
    private long _submitBatches;
    private int _disposed;

    /// <summary>Creates the backend for one cluster; it connects on first use.</summary>
    public SlurmBackend(SlurmClusterOptions options, IStepEventSink sink, ILogger<SlurmBackend> logger, TimeProvider? timeProvider = null)
        : this(options, sink, logger, timeProvider ?? TimeProvider.System, null)
    {
    }

    internal SlurmBackend(SlurmClusterOptions options, IStepEventSink sink, ILogger logger, TimeProvider timeProvider, ISlurmCluster? cluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SlurmClusterOptionsValidator().Validate(options.Name, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _options = options;
        _sink = sink;
        _logger = logger;
        _time = timeProvider;
        _cluster = cluster ?? new SshSlurmCluster(options, logger, timeProvider);
        _controller = CreateBucket(options);
        _submitLoop = Task.Run(SubmitLoopAsync);
        _pollLoop = Task.Run(PollLoopAsync);
    }

    public string Name => $"slurm:{_options.Name}";

    /// <summary>What this instance has asked of the cluster so far.</summary>
    public SlurmBackendStatistics Statistics
    {
        get
        {
            var (commands, sftp, connections) = _cluster.Counters;
            return new SlurmBackendStatistics(commands, sftp, connections, Interlocked.Read(ref _polls),
                Interlocked.Read(ref _controllerCalls), Interlocked.Read(ref _submitBatches));
        }
    }

    /// <summary>Jobs watched right now (submitted or reattached, terminal state not yet delivered).</summary>
    public int InFlight => _jobs.Count;

    public async Task<string> SubmitAsync(StepSpec step, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var name = SlurmJobNames.For(step.StepId, attempt);
        if (_jobIdByName.TryGetValue(name, out var known))
        {
            return known;
        }

        var resources = step.Resources ?? StepResources.Default;
        var request = new SlurmSubmitRequest(
            step.StepId,
            attempt,
            name,
            step.InputDocument,
            resources.Walltime ?? _options.DefaultWalltime,
            Math.Max(1, resources.Cpus),
            resources.MemoryMb ?? _options.DefaultMemoryMb,
            string.IsNullOrWhiteSpace(resources.Partition) ? _options.Partition : resources.Partition,
            string.IsNullOrWhiteSpace(resources.Account) ? _options.Account : resources.Account);
        var pending = _submissions.GetOrAdd(name, _ => new PendingSubmission(request));
        if (pending.TryMarkQueued())
        {
            _submitQueue.Writer.TryWrite(pending);
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ReattachAsync(string stepId, string backendJobId, int attempt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stepId);
        ValidateJobId(backendJobId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var name = SlurmJobNames.For(stepId, attempt);
        if (!_reported.ContainsKey(backendJobId) && _jobs.TryAdd(backendJobId, new TrackedJob(stepId, backendJobId, name)))
        {
            _jobIdByName.TryAdd(name, backendJobId);
            LogReattached(_logger, Name, stepId, backendJobId);
        }

        return Task.CompletedTask;
    }

    public Task CancelAsync(string stepId, string backendJobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stepId);
        ValidateJobId(backendJobId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Task.Run(async () =>
        {
            if (!_reported.ContainsKey(backendJobId))
            {
                // Watch it (if not yet) so that the state it ends in reaches the sink.
                _jobs.TryAdd(backendJobId, new TrackedJob(stepId, backendJobId, null));
            }

            await AcquireControllerAsync(1, cancellationToken).ConfigureAwait(false);
            await _cluster.CancelAsync(backendJobId, cancellationToken).ConfigureAwait(false);
            LogCancelRequested(_logger, Name, stepId, backendJobId);
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _submitQueue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_submitLoop, _pollLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var pending in _submissions.Values)
        {
            pending.Completion.TrySetException(new ObjectDisposedException(nameof(SlurmBackend)));
        }

        await _cluster.DisposeAsync().ConfigureAwait(false);
        _controller.Dispose();
        _stopping.Dispose();
    }

    private async Task SubmitLoopAsync()
    {
        var stop = _stopping.Token;
        var reader = _submitQueue.Reader;
        // A batch asks the controller once (squeue) plus once per sbatch; it must fit the bucket.
        var maxBatch = Math.Max(1, Math.Min(_options.MaxSubmitBatch, _options.ControllerBurst - 1));
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                // Let submissions made in the same moment share one command.
                await Task.Delay(SubmitCoalescing, _time, stop).ConfigureAwait(false);
                var batch = new List<PendingSubmission>();
                while (batch.Count < maxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await SubmitBatchAsync(batch, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task SubmitBatchAsync(List<PendingSubmission> batch, CancellationToken stop)
    {
        IReadOnlyList<SlurmSubmitResult> results;
        try
        {
            await AcquireControllerAsync(1 + batch.Count, stop).ConfigureAwait(false);
            Interlocked.Increment(ref _submitBatches);
            results = await _cluster.SubmitAsync([.. batch.Select(p => p.Request)], stop).ConfigureAwait(false);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            LogSubmitFailed(_logger, Name, batch.Count, e.Message);
            foreach (var pending in batch)
            {
                _submissions.TryRemove(pending.Request.JobName, out _);
                pending.Completion.TrySetException(e);
            }

            return;
        }

        var byName = results.ToDictionary(r => r.JobName, StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            var request = pending.Request;
            if (byName.TryGetValue(request.JobName, out var result) && result.JobId is { } jobId)
            {
                _jobIdByName[request.JobName] = jobId;
                if (!_reported.ContainsKey(jobId))
                {
                    _jobs.TryAdd(jobId, new TrackedJob(request.StepId, jobId, request.JobName));
                }

                _submissions.TryRemove(request.JobName, out _);
                if (result.Existing)
                {
                    LogFoundExisting(_logger, Name, request.StepId, request.Attempt, jobId);
                }
                else
                {
                    LogSubmitted(_logger, Name, request.StepId, request.Attempt, jobId);
                }

                pending.Completion.TrySetResult(jobId);
            }
            else
            {
                var error = result?.Error ?? "the submission command gave no answer for this job";
                LogSubmitFailed(_logger, Name, 1, $"{request.JobName}: {error}");
                _submissions.TryRemove(request.JobName, out _);
                pending.Completion.TrySetException(new SlurmCommandException($"sbatch for {request.JobName} failed: {error}"));
            }
        }
    }

    private async Task PollLoopAsync()
    {
        var stop = _stopping.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(_options.PollInterval, _time, stop).ConfigureAwait(false);
                if (_jobs.IsEmpty && _removals.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await PollOnceAsync(stop).ConfigureAwait(false);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    LogPollFailed(_logger, Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task PollOnceAsync(CancellationToken stop)
    {
        var watched = _jobs.Values.ToList();
        var removals = new List<string>();
        while (removals.Count < MaxRemovalsPerPoll && _removals.TryDequeue(out var dir))
        {
            removals.Add(dir);
        }

        SlurmPollResult result;
        try
        {
            await AcquireControllerAsync(1, stop).ConfigureAwait(false);
            result = await _cluster.PollAsync([.. watched.Select(j => j.JobId)], removals, stop).ConfigureAwait(false);
        }
        catch
        {
            foreach (var dir in removals)
            {
                _removals.Enqueue(dir);
            }

            throw;
        }

        Interlocked.Increment(ref _polls);
        if (!result.QueueSucceeded)
        {
            LogQueueFailed(_logger, Name, result.QueueError);
        }

        var finished = new List<(TrackedJob Job, SlurmJobStatus Status)>();
        foreach (var job in watched)
        {
            // squeue's view first (it knows requeues); the completion log only for jobs squeue forgot.
            var status = result.Queue.GetValueOrDefault(job.JobId) ?? result.Accounting.GetValueOrDefault(job.JobId);
            if (status is null)
            {
                if (result.QueueSucceeded)
                {
                    job.UnknownPolls++;
                    if (job.UnknownPolls == 1 || job.UnknownPolls % 30 == 0)
                    {
                        LogUnknownJob(_logger, Name, job.StepId, job.JobId, job.UnknownPolls);
                    }
                }

                continue;
            }

            job.UnknownPolls = 0;
            job.JobName ??= status.Name;
            if (!string.Equals(job.JobName, status.Name, StringComparison.Ordinal))
            {
                // The id now belongs to another job (e.g. the controller's state was reset): this is
                // not our job's state, and guessing is worse than waiting.
                LogNameMismatch(_logger, Name, job.JobId, job.JobName, status.Name);
                continue;
            }

            switch (SlurmStateMapper.Classify(status.State))
            {
                case SlurmStateKind.Running when !job.RunningReported:
                    try
                    {
                        await _sink.OnStepRunningAsync(job.StepId, job.JobId, status.Start ?? _time.GetUtcNow()).ConfigureAwait(false);
                        job.RunningReported = true;
                    }
                    catch (Exception e)
                    {
                        LogSinkFailed(_logger, Name, job.StepId, e.Message);
                    }

                    break;
                case SlurmStateKind.Terminal:
                    finished.Add((job, status));
                    break;
                case SlurmStateKind.Unrecognised:
                    LogUnrecognisedState(_logger, Name, job.JobId, status.State);
                    break;
                default:
                    break;
            }
        }

        await Parallel.ForEachAsync(
            finished,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDownloads, CancellationToken = stop },
            async (item, token) => await FinishAsync(item.Job, item.Status, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task FinishAsync(TrackedJob job, SlurmJobStatus status, CancellationToken stop)
    {
        var jobName = job.JobName ?? status.Name;
        var outcome = SlurmStateMapper.TerminalOutcome(status) ?? StepOutcome.Failed;
        byte[]? output = null;
        string? error = null;
        try
        {
            if (outcome == StepOutcome.Succeeded)
            {
                output = await _cluster.DownloadAsync(jobName, SlurmScripts.OutputFile, stop).ConfigureAwait(false);
                if (!IsValidOutput(output))
                {
                    error = output is null
                        ? "SLURM state COMPLETED but the step left no output document"
                        : "SLURM state COMPLETED but the output document is not a valid step output";
                    outcome = StepOutcome.Failed;
                    output = null;
                }
            }
            else
            {
                var stderr = await _cluster.DownloadAsync(jobName, SlurmScripts.StderrFile, stop).ConfigureAwait(false);
                error = Describe(status, outcome, stderr);
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            // The result files could not be fetched now: try again at the next poll.
            LogFetchFailed(_logger, Name, job.StepId, job.JobId, e.Message);
            return;
        }

        var result = new StepResult(job.StepId, job.JobId, outcome, output, error, status.Start, status.End ?? _time.GetUtcNow(), Name);
        try
        {
            await _sink.OnStepFinishedAsync(result).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Not delivered: the job stays watched and is reported again at the next poll.
            LogSinkFailed(_logger, Name, job.StepId, e.Message);
            return;
        }

        if (_reported.TryAdd(job.JobId, 0))
        {
            _reportedOrder.Enqueue(job.JobId);
            while (_reportedOrder.Count > ReportedMemory && _reportedOrder.TryDequeue(out var oldest))
            {
                _reported.TryRemove(oldest, out _);
            }
        }

        _jobs.TryRemove(job.JobId, out _);
        if (job.JobName is not null)
        {
            _jobIdByName.TryRemove(KeyValuePair.Create(job.JobName, job.JobId));
        }

        LogFinished(_logger, Name, job.StepId, job.JobId, status.State, outcome);
        if (!_options.KeepRemoteFiles && job.JobName is not null)
        {
            _removals.Enqueue(job.JobName);
        }
    }

    private static bool IsValidOutput(byte[]? output)
    {
        if (output is null || output.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schema", out var schema)
                && schema.ValueKind == JsonValueKind.String
                && schema.GetString() == OutputSchema;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(SlurmJobStatus status, StepOutcome outcome, byte[]? stderr)
    {
        var text = stderr is { Length: > 0 } ? System.Text.Encoding.UTF8.GetString(stderr).Trim() : "";
        if (text.Length > MaxErrorLength)
        {
            text = "..." + text[^MaxErrorLength..];
        }

        if (outcome == StepOutcome.InputRejected && text.Length > 0)
        {
            return text;
        }

        var exit = status.ExitCode is { } code ? $", exit code {code}:{status.Signal ?? 0}" : "";
        var reason = status.Reason is { } r ? $", reason {r}" : "";
        var head = $"SLURM state {status.State}{exit}{reason}";
        return text.Length > 0 ? $"{head}: {text}" : head;
    }

    private async Task AcquireControllerAsync(int permits, CancellationToken cancellationToken)
    {
        permits = Math.Clamp(permits, 1, _options.ControllerBurst);
        while (true)
        {
            using var lease = await _controller.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                Interlocked.Add(ref _controllerCalls, permits);
                return;
            }
        }
    }

    /// <summary>
    /// rate r per second: one token every 1/r s, at most burst tokens held.
    /// </summary>
    private static TokenBucketRateLimiter CreateBucket(SlurmClusterOptions options)
        => new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.ControllerBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.ControllerCallsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

    private static void ValidateJobId(string backendJobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(backendJobId);
        if (!backendJobId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{backendJobId}' is not a SLURM job id.", nameof(backendJobId));
        }
    }
}
