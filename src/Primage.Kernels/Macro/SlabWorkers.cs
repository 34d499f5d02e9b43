namespace Primage.Kernels.Macro;

/// <summary>
/// A fixed set of worker threads that each run <c>work(index)</c> once per <see cref="Run"/>, with the
/// caller acting as worker 0. Unlike Parallel.For (which allocates its loop state, closures and task
/// objects on every call), a run allocates nothing, and the partition of the grid into slabs is fixed,
/// so which thread updates which voxel never changes. Workers block on their own semaphore between runs.
/// </summary>
internal sealed class SlabWorkers : IDisposable
{
    private readonly Action<int> _work;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private readonly long[] _allocatedBytes;
    private volatile bool _disposed;
    private Exception? _failure;

    public SlabWorkers(int count, Action<int> work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        _work = work;
        _start = new SemaphoreSlim[count - 1];
        _threads = new Thread[count - 1];
        _done = new CountdownEvent(count - 1);
        _allocatedBytes = new long[count - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            _start[i] = new SemaphoreSlim(0);
            var index = i + 1;
            _threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"pi3d-slab-{index}" };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length + 1;

    /// <summary>
    /// Bytes the worker threads (not the caller) have allocated since they started, as of the end of the
    /// last run: lets a test prove a run allocates nothing on any thread, independent of other threads.
    /// </summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            var total = 0L;
            for (var i = 0; i < _allocatedBytes.Length; i++)
            {
                total += Volatile.Read(ref _allocatedBytes[i]);
            }

            return total;
        }
    }

    /// <summary>Runs every slab and returns when all are done; a worker's exception is rethrown here.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _done.Reset(_threads.Length);
        foreach (var start in _start)
        {
            start.Release();
        }

        Exception? mine = null;
        try
        {
            _work(0);
        }
        catch (Exception e)
        {
            mine = e;
        }

        _done.Wait();
        var failure = mine ?? Interlocked.Exchange(ref _failure, null);
        if (failure is not null)
        {
            throw new AggregateException("A slab worker failed.", failure);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var start in _start)
        {
            start.Release();
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var start in _start)
        {
            start.Dispose();
        }

        _done.Dispose();
    }

    private void Loop(int index)
    {
        var start = _start[index - 1];
        while (true)
        {
            start.Wait();
            if (_disposed)
            {
                return;
            }

            try
            {
                _work(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                Volatile.Write(ref _allocatedBytes[index - 1], GC.GetAllocatedBytesForCurrentThread());
                _done.Signal();
            }
        }
    }
}
