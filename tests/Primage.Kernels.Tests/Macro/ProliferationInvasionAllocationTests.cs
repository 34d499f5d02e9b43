using Primage.Kernels.Macro;

namespace Primage.Kernels.Tests.Macro;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>Runs alone (no parallel tests), because the parallel check counts every thread's allocations.</summary>
[Collection(nameof(AllocationMeasurements))]
public class ProliferationInvasionAllocationTests
{
    private static ProliferationInvasionModel Model(int threads)
    {
        const int n = 24;
        var d = Enumerable.Range(0, n * n * n).Select(p => p % 3 == 0 ? 0.05 : 0.2).ToArray();
        var model = new ProliferationInvasionModel(n, n, n, 1.0, 0.05, d, threads);
        var field = new double[n * n * n];
        SphereInitialCondition.Fill(field, n, n, n, 1.0, 300, (12.0, 12.0, 12.0));
        model.SetDensity(field);
        return model;
    }

    [Fact]
    public void Single_threaded_step_allocates_nothing()
    {
        // A per-step allocation shows in every window; the runtime may allocate once on this thread (8,032
        // bytes in one of 100 steps were seen in CI, as tiered compilation promoted the step), so the least of
        // ten windows of ten steps must be exactly zero.
        using var model = Model(threads: 1);
        var dt = model.StableDt();
        for (var i = 0; i < 50; i++)
        {
            model.Step(dt, 0.01);
        }

        var windows = new long[10];
        for (var w = 0; w < windows.Length; w++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                model.Step(dt, 0.01);
            }

            windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(windows.Min() == 0, $"bytes allocated per window of ten steps: {string.Join(", ", windows)}");
    }

    [Fact]
    public void Parallel_step_allocates_nothing_on_the_caller_or_the_workers()
    {
        using var model = Model(threads: 3);
        var dt = model.StableDt();
        for (var i = 0; i < 50; i++)
        {
            model.Step(dt, 0.01);
        }

        var caller = GC.GetAllocatedBytesForCurrentThread();
        var workers = model.WorkerAllocatedBytes;
        for (var i = 0; i < 200; i++)
        {
            model.Step(dt, 0.01);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - caller);
        Assert.Equal(0, model.WorkerAllocatedBytes - workers);
    }

    [Fact]
    public void Parallel_steps_allocate_at_most_a_few_bytes_process_wide()
    {
        // The same measurement process-wide, with GC.GetTotalAllocatedBytes(precise: true). The step itself
        // allocates nothing (previous test), but the test host's own threads (result reporting, timers)
        // allocate now and then while the steps run: about 170 bytes per 100 steps of this size were seen
        // on a shared 2-core machine, growing with wall time. A per-step allocation (a closure, a Task,
        // loop state: 24 bytes at the very least) would give 480 bytes or more per 20 steps in every
        // window, so the least of twenty short windows must stay below that.
        using var model = Model(threads: 3);
        var dt = model.StableDt();
        for (var i = 0; i < 50; i++)
        {
            model.Step(dt, 0.01);
        }

        var all = new long[20];
        for (var attempt = 0; attempt < all.Length; attempt++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 20; i++)
            {
                model.Step(dt, 0.01);
            }

            all[attempt] = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        Assert.True(all.Min() < 24 * 20, $"bytes allocated per 20 steps: {string.Join(", ", all)}");
    }
}
