using Orleans.Storage;
using Primage.Silo.Storage;

namespace Primage.Silo.Tests.Storage;

public sealed class SerialWriteGrainStorageTests
{
    [Fact]
    public async Task WritesThroughOneGateNeverOverlapAndAllReachTheInnerStorage()
    {
        var inner = new OverlapProbe();
        var gate = new SemaphoreSlim(1, 1);
        var twins = new SerialWriteGrainStorage(inner, gate);
        var runs = new SerialWriteGrainStorage(inner, gate);

        var writes = Enumerable.Range(0, 20).Select(i =>
        {
            var storage = i % 2 == 0 ? twins : runs;
            var id = GrainId.Create("probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return i % 5 == 0
                ? storage.ClearStateAsync("s", id, new GrainState<int>())
                : storage.WriteStateAsync("s", id, new GrainState<int>(i));
        }).ToArray();
        await Task.WhenAll(writes);

        Assert.Equal(20, inner.Completed);
        Assert.Equal(1, inner.MaxConcurrent);
    }

    [Fact]
    public async Task AFailedWriteReleasesTheGate()
    {
        var inner = new OverlapProbe { FailNext = true };
        var storage = new SerialWriteGrainStorage(inner, new SemaphoreSlim(1, 1));
        var id = GrainId.Create("probe", "1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteStateAsync("s", id, new GrainState<int>(1)));
        await storage.WriteStateAsync("s", id, new GrainState<int>(2));

        Assert.Equal(1, inner.Completed);
    }

    private sealed class OverlapProbe : IGrainStorage
    {
        private int _current;

        public int MaxConcurrent { get; private set; }

        public int Completed { get; private set; }

        public bool FailNext { get; set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Probe();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Probe();

        private async Task Probe()
        {
            var now = Interlocked.Increment(ref _current);
            MaxConcurrent = Math.Max(MaxConcurrent, now);
            try
            {
                await Task.Delay(2);
                if (FailNext)
                {
                    FailNext = false;
                    throw new InvalidOperationException("storage down");
                }

                Completed++;
            }
            finally
            {
                Interlocked.Decrement(ref _current);
            }
        }
    }
}
