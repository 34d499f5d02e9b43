namespace Primage.Kernels.Macro;

/// <summary>What a proliferation-invasion run reports: the step used, the number of steps, and a snapshot per output day.</summary>
public sealed record Pi3dResult(double MaxDtDays, long Steps, IReadOnlyList<double> Thresholds, IReadOnlyList<Pi3dSnapshot> Snapshots);
