namespace Primage.Api.Predictions;

/// <summary>
/// The outcome of re-running a stored prediction's step from its archived input and seed:
/// identical is true when the new output equals the stored one byte for byte (timings aside).
/// </summary>
public sealed record ReplayDto(int Version, string StepId, bool Identical, string StoredOutputHash, string ReplayedResultHash, double ReplayMilliseconds);
