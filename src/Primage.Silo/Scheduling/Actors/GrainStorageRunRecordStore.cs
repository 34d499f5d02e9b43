using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>
/// Keeps the Akka.NET scheduler's run records in the silo's "runs" grain storage provider (SQLite,
/// PostgreSQL, or memory in tests), under grain ids of their own type so they never collide with the
/// Orleans run grains: "primage-akka-run/{stepId}" for records and "primage-akka-run-index/{shard}" for the
/// 16 shards of the active set. ETags are remembered per record, so a concurrent writer is detected by
/// the provider instead of silently overwritten.
/// </summary>
public sealed class GrainStorageRunRecordStore([FromKeyedServices(SchedulingStorage.Name)] IGrainStorage storage) : IRunRecordStore
{
    private const string RecordType = "primage-akka-run";
    private const string IndexType = "primage-akka-run-index";

    private readonly ConcurrentDictionary<string, string?> _etags = new(StringComparer.Ordinal);
    private readonly IndexShard[] _shards = Enumerable.Range(0, RunIndexShards.Count).Select(_ => new IndexShard()).ToArray();

    public async Task<SimulationRunState?> LoadAsync(string stepId, CancellationToken cancellationToken)
    {
        var state = new GrainState<SimulationRunState>(new SimulationRunState());
        await storage.ReadStateAsync(SchedulingStorage.RunStateName, GrainId.Create(RecordType, stepId), state);
        _etags[stepId] = state.ETag;
        return state.RecordExists && state.State is { Exists: true } run ? run : null;
    }

    public async Task SaveAsync(SimulationRunState run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var stepId = run.Step?.StepId ?? throw new ArgumentException("The run has no step.", nameof(run));
        _etags.TryGetValue(stepId, out var etag);
        var state = new GrainState<SimulationRunState>(run) { ETag = etag, RecordExists = etag is not null };
        await storage.WriteStateAsync(SchedulingStorage.RunStateName, GrainId.Create(RecordType, stepId), state);
        _etags[stepId] = state.ETag;
    }

    public Task AddActiveAsync(string stepId, CancellationToken cancellationToken)
        => UpdateShardAsync(stepId, static (ids, id) => ids.Add(id));

    public Task RemoveActiveAsync(string stepId, CancellationToken cancellationToken)
        => UpdateShardAsync(stepId, static (ids, id) => ids.Remove(id));

    public async Task<IReadOnlyList<string>> GetActiveAsync(CancellationToken cancellationToken)
    {
        var all = new List<string>();
        for (var shard = 0; shard < _shards.Length; shard++)
        {
            var index = _shards[shard];
            await index.Gate.WaitAsync(cancellationToken);
            try
            {
                await EnsureLoadedAsync(shard, index);
                all.AddRange(index.State!.State!.StepIds);
            }
            finally
            {
                index.Gate.Release();
            }
        }

        return all;
    }

    private async Task UpdateShardAsync(string stepId, Func<HashSet<string>, string, bool> update)
    {
        var shard = RunIndexShards.ShardOf(stepId);
        var index = _shards[shard];
        await index.Gate.WaitAsync();
        try
        {
            await EnsureLoadedAsync(shard, index);
            if (update(index.State!.State!.StepIds, stepId))
            {
                await storage.WriteStateAsync(SchedulingStorage.IndexStateName, GrainId.Create(IndexType, shard.ToString()), index.State);
            }
        }
        finally
        {
            index.Gate.Release();
        }
    }

    private async Task EnsureLoadedAsync(int shard, IndexShard index)
    {
        if (index.State is not null)
        {
            return;
        }

        var state = new GrainState<RunIndexState>(new RunIndexState());
        await storage.ReadStateAsync(SchedulingStorage.IndexStateName, GrainId.Create(IndexType, shard.ToString()), state);
        state.State ??= new RunIndexState();
        index.State = state;
    }

    private sealed class IndexShard
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public GrainState<RunIndexState>? State { get; set; }
    }
}
