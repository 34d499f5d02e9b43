using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>Wraps any backend and records the job ids it returns, to check a step got exactly one job.</summary>
public sealed class CountingBackend(IComputeBackend inner, BackendJobLog log) : IComputeBackend, IDisposable
{
    public string Name => inner.Name;

    public bool JobsDieWithProcess => inner.JobsDieWithProcess;

    public IComputeBackend Inner => inner;

    public async Task<string> SubmitAsync(StepSpec step, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var jobId = await inner.SubmitAsync(step, attempt, cancellationToken);
        log.Record(step.StepId, jobId);
        return jobId;
    }

    public Task ReattachAsync(string stepId, string backendJobId, int attempt, CancellationToken cancellationToken)
        => inner.ReattachAsync(stepId, backendJobId, attempt, cancellationToken);

    public Task CancelAsync(string stepId, string backendJobId, CancellationToken cancellationToken)
        => inner.CancelAsync(stepId, backendJobId, cancellationToken);

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
