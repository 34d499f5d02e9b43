namespace Primage.Silo.Backends.Local;

/// <summary>
/// What the local backend calls to run one input document; the default is
/// Primage.Kernels.Runner.StepRunner.Run (tests substitute their own). Throws StepInputException for
/// an invalid input and OperationCanceledException when the token fires.
/// </summary>
public delegate byte[] LocalStepRunner(ReadOnlySpan<byte> inputDocument, bool includeTimings, CancellationToken cancellationToken);
