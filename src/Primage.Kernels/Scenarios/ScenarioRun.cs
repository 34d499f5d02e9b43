namespace Primage.Kernels.Scenarios;

/// <summary>Every plan's course for every draw: Volumes[plan][draw][i] is the volume (mL) on Grid[i].</summary>
public sealed record ScenarioRun(double[] Grid, int[] Draws, double[][][] Volumes);
