using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// A grain storage provider whose records live in <see cref="SharedGrainStorage.Backing"/>, an object the
/// test owns, so they survive a cluster restart like a database would. Records are stored as serialized
/// bytes (a copy, as a real store holds) with ETags checked on write.
/// </summary>
public sealed class SharedGrainStorage(SharedGrainStorage.Backing backing, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (backing.Records.TryGetValue((stateName, grainId.ToString()), out var record))
        {
            grainState.State = serializer.Deserialize<T>(record.Bytes);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId.ToString());
        lock (backing)
        {
            var stored = backing.Records.TryGetValue(key, out var record) ? record.ETag : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {key}", stored, grainState.ETag);
            }

            var etag = Guid.NewGuid().ToString("N");
            backing.Records[key] = new Record(serializer.SerializeToArray(grainState.State), etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        backing.Records.TryRemove((stateName, grainId.ToString()), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The records, owned by the test fixture.</summary>
    public sealed class Backing
    {
        public ConcurrentDictionary<(string State, string Grain), Record> Records { get; } = new();
    }

    public sealed record Record(byte[] Bytes, string ETag);
}
