namespace Primage.Kernels.Calibration;

/// <summary>A measured tumour volume: <paramref name="Day"/> on the twin's axis (day 0 = first observation).</summary>
public sealed record VolumeObservation(string Id, double Day, double Volume);
