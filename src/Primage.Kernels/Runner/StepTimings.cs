namespace Primage.Kernels.Runner;

/// <summary>Wall time of the runner's phases in milliseconds (diagnostic only; excluded from deterministic output).</summary>
internal readonly record struct StepTimings(double ParseMs, double ExecuteMs);
