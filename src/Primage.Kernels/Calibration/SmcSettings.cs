namespace Primage.Kernels.Calibration;

/// <summary>
/// Tuning of the sequential Monte Carlo sampler.
/// </summary>
/// <param name="ParticleCount">Particles per candidate model. Default: 512 (six models, about 3,000 particles in all; the stored state stays near 40 KB).</param>
/// <param name="ResampleThreshold">Resample and rejuvenate when ESS falls below this fraction of the particles; also the ESS each tempering step aims for. Default: 0.5.</param>
/// <param name="MoveSteps">Random-walk Metropolis sweeps after each resampling. Default: 5.</param>
/// <param name="MaxTemperingSteps">Cap on tempering steps per observation (a guard, rarely reached). Default: 200.</param>
public sealed record SmcSettings(int ParticleCount = 512, double ResampleThreshold = 0.5, int MoveSteps = 5, int MaxTemperingSteps = 200)
{
    /// <summary>The defaults.</summary>
    public static SmcSettings Default { get; } = new();
}
