namespace Primage.Kernels.Macro;

/// <summary>
/// A fixed set of worker threads that each run <c>work(index)</c> once per <see cref="Run"/>, with the
/// caller acting as worker 0. Unlike Parallel.For (which allocates its loop state, closures and task
/// objects on every call), a run allocates nothing, and the partition of the grid into slabs is fixed,
/// so which thread updates which voxel never changes. Synchronisation is a generation counter and a
/// pending count under one preallocated lock (Monitor.Wait/PulseAll), so, unlike the slim events,
/// nothing is created lazily the first time a thread has to block.
/// </summary>
internal sealed class SlabWorkers : IDisposable
{
    private readonly Action<int> _work;
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private readonly long[] _allocatedBytes;
    private long _generation;
    private int _pending;
    private bool _disposed;
    private Exception? _failure;

    public SlabWorkers(int count, Action<int> work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        _work = work;
        _threads = new Thread[count - 1];
        _allocatedBytes = new long[count - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
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
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending = _threads.Length;
            _generation++;
            Monitor.PulseAll(_gate);
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

        Exception? failure;
        lock (_gate)
        {
            while (_pending > 0)
            {
                Monitor.Wait(_gate);
            }

            failure = mine ?? _failure;
            _failure = null;
        }

        if (failure is not null)
        {
            throw new AggregateException("A slab worker failed.", failure);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Loop(int index)
    {
        long seen = 0;
        while (true)
        {
            lock (_gate)
            {
                while (_generation == seen && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                if (_disposed)
                {
                    return;
                }

                seen = _generation;
            }

            Exception? failure = null;
            try
            {
                _work(index);
            }
            catch (Exception e)
            {
                failure = e;
            }

            Volatile.Write(ref _allocatedBytes[index - 1], GC.GetAllocatedBytesForCurrentThread());
            lock (_gate)
            {
                _failure ??= failure;
                if (--_pending == 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
