using System.Collections.Concurrent;
using System.Security.Cryptography;
using Primage.Grains.Scheduling;
using Primage.Kernels.Runner;

namespace Primage.TwinMemory;

/// <summary>
/// A scheduler whose runs all finish as Succeeded with an output document of the real kernel
/// (<see cref="StepRunner.Run"/>, the local backend's runner, with timings as the local backend
/// writes them). A forecast input is identified by its bytes from <c>"parameters":</c> on, that is
/// everything but its step id and seed: the first step with a given input is run on the thread pool
/// at the ensemble size it asks for (the kernel's default here), reported Submitted, and finished
/// through the owner's callback, as the real scheduler does when a backend finishes; later steps
/// with the same input get that output back as a terminal status from <see cref="SubmitAsync"/>.
/// A twin reads nothing from an output that names its own step or seed (ForecastDocuments.ReadOutput),
/// so a shared output is one it accepts; its stepId, seed and inputHash are those of the step that
/// computed it. No call ever waits for the kernel inside a grain turn.
/// </summary>
internal sealed class CompletingScheduler(TimeProvider time) : ISimulationScheduler
{
    private static readonly byte[] ParametersProperty = "\"parameters\":"u8.ToArray();

    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _outputs = new(StringComparer.Ordinal);
    private int _kernelRuns;

    /// <summary>How many times the kernel ran (distinct inputs).</summary>
    public int KernelRuns => Volatile.Read(ref _kernelRuns);

    /// <summary>Kernel time spent, in CPU-bound wall seconds on the thread pool.</summary>
    public double KernelSeconds { get; private set; }

    public Task<RunStatus> SubmitAsync(StepSpec step, IRunOwnerGrain? owner, CancellationToken cancellationToken = default)
    {
        var input = step.InputDocument;
        var at = input.AsSpan().IndexOf(ParametersProperty);
        if (at < 0)
        {
            throw new InvalidOperationException($"step {step.StepId} has no parameters");
        }

        var key = step.Task + ":" + Convert.ToHexStringLower(SHA256.HashData(input.AsSpan(at)));
        var now = time.GetUtcNow();
        // Lazy: GetOrAdd may call its factory twice when twins race, but only one value is kept and run.
        var output = _outputs.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => Task.Run(() => Compute(input)))).Value;
        if (output.IsCompletedSuccessfully)
        {
            return Task.FromResult(Finished(step.StepId, output.Result, now, now));
        }

        _ = FinishLaterAsync(step.StepId, output, owner, now);
        return Task.FromResult(new RunStatus(step.StepId, RunState.Submitted, "probe", null, 1, null, null, null, now, now, null, null));
    }

    public Task<RunStatus?> GetStatusAsync(string stepId, CancellationToken cancellationToken = default) => Task.FromResult<RunStatus?>(null);

    public Task<RunStatus?> CancelAsync(string stepId, CancellationToken cancellationToken = default) => Task.FromResult<RunStatus?>(null);

    private byte[] Compute(byte[] input)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var output = StepRunner.Run(input, includeTimings: true, CancellationToken.None);
        Interlocked.Increment(ref _kernelRuns);
        lock (_outputs)
        {
            KernelSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        return output;
    }

    private async Task FinishLaterAsync(string stepId, Task<byte[]> output, IRunOwnerGrain? owner, DateTimeOffset submitted)
    {
        RunStatus status;
        try
        {
            status = Finished(stepId, await output, submitted, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            var now = time.GetUtcNow();
            status = new RunStatus(stepId, RunState.Failed, "probe", null, 1, null, null, ex.Message, submitted, submitted, submitted, now);
        }

        if (owner is not null)
        {
            await owner.OnRunFinishedAsync(status);
        }
    }

    private static RunStatus Finished(string stepId, byte[] output, DateTimeOffset submitted, DateTimeOffset finished) =>
        new(stepId, RunState.Succeeded, "probe", null, 1, StepOutcome.Succeeded, output, null, submitted, submitted, submitted, finished);
}
