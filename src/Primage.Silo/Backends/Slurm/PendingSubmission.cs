namespace Primage.Silo.Backends.Slurm;

/// <summary>A submission waiting for the next batch; concurrent SubmitAsync calls for the same name share it.</summary>
internal sealed class PendingSubmission(SlurmSubmitRequest request)
{
    private int _queued;

    public SlurmSubmitRequest Request { get; } = request;

    public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True for the one caller that must put it in the queue.</summary>
    public bool TryMarkQueued() => Interlocked.Exchange(ref _queued, 1) == 0;
}
