using System.Collections.Concurrent;
using Primage.Silo.Backends.Slurm;

namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// An in-memory cluster for the backend's own logic (what it concludes from what SLURM says). The
/// real SSH layer is covered by the tests against the real cluster.
/// </summary>
internal sealed class FakeSlurmCluster : ISlurmCluster
{
    private int _nextId = 100;
    private int _commands;
    private int _downloads;

    /// <summary>What squeue lists (job id to status).</summary>
    public ConcurrentDictionary<string, SlurmJobStatus> Queue { get; } = new(StringComparer.Ordinal);

    /// <summary>What the job-completion log holds.</summary>
    public ConcurrentDictionary<string, SlurmJobStatus> Log { get; } = new(StringComparer.Ordinal);

    /// <summary>Remote files by "jobName/fileName".</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public bool QueueFails { get; set; }

    public int SubmitCalls { get; private set; }

    public int PollCalls { get; private set; }

    public (long Commands, long SftpOperations, long Connections) Counters => (_commands, _downloads, 1);

    public Task<IReadOnlyList<SlurmSubmitResult>> SubmitAsync(IReadOnlyList<SlurmSubmitRequest> batch, CancellationToken cancellationToken)
    {
        SubmitCalls++;
        Interlocked.Increment(ref _commands);
        var results = new List<SlurmSubmitResult>();
        foreach (var request in batch)
        {
            var existing = Queue.Values.Concat(Log.Values).FirstOrDefault(j => j.Name == request.JobName);
            if (existing is not null)
            {
                results.Add(new SlurmSubmitResult(request.JobName, existing.JobId, true, null));
                continue;
            }

            var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Queue[id] = new SlurmJobStatus(id, request.JobName, "PENDING", 0, 0, null, null, null);
            results.Add(new SlurmSubmitResult(request.JobName, id, false, null));
        }

        return Task.FromResult<IReadOnlyList<SlurmSubmitResult>>(results);
    }

    public Task<SlurmPollResult> PollAsync(IReadOnlyCollection<string> jobIds, IReadOnlyCollection<string> removeDirectories, CancellationToken cancellationToken)
    {
        PollCalls++;
        Interlocked.Increment(ref _commands);
        var queue = QueueFails ? new Dictionary<string, SlurmJobStatus>() : new Dictionary<string, SlurmJobStatus>(Queue);
        var accounting = jobIds.Where(id => QueueFails || !Queue.ContainsKey(id)).Where(Log.ContainsKey).ToDictionary(id => id, id => Log[id]);
        return Task.FromResult(new SlurmPollResult(!QueueFails, QueueFails ? "slurm_load_jobs error: Unable to contact slurm controller" : null, queue, accounting));
    }

    public Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commands);
        if (Queue.TryGetValue(jobId, out var job))
        {
            Queue[jobId] = job with { State = "CANCELLED", Signal = 15 };
        }

        return Task.CompletedTask;
    }

    public Task<byte[]?> DownloadAsync(string jobName, string fileName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _downloads);
        return Task.FromResult(Files.TryGetValue($"{jobName}/{fileName}", out var bytes) ? bytes : null);
    }

    /// <summary>Moves a job to a state (in squeue).</summary>
    public void Set(string jobId, string state, int exit = 0)
        => Queue[jobId] = Queue[jobId] with { State = state, ExitCode = exit, Start = DateTimeOffset.UnixEpoch, End = DateTimeOffset.UnixEpoch.AddSeconds(5) };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
