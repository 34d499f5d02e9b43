using Orleans.Storage;

namespace Primage.Silo.Storage;

/// <summary>
/// Lets one write at a time reach an embedded SQLite file. SQLite has a single writer; a second
/// connection that tries to commit meanwhile gets SQLITE_BUSY, and Microsoft.Data.Sqlite answers
/// that by putting the thread to sleep and retrying (measured: 150 ms stalls, several per recalibration while the API audits reads).
/// Queueing the writes on an async gate instead costs nothing in throughput (they were serial in
/// the file anyway) and blocks no thread. Every write still commits before it returns; reads
/// pass straight through (WAL readers never wait for the writer).
/// </summary>
public sealed class SerialWriteGrainStorage(IGrainStorage inner, SemaphoreSlim gate)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => GatedAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => GatedAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }

    private async Task GatedAsync(Func<Task> write)
    {
        await gate.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            gate.Release();
        }
    }
}
