namespace Primage.Kernels.Ode;

/// <summary>
/// Error control for the adaptive solver. A step is accepted when the RMS over components of
/// err_i / (AbsoluteTolerance + RelativeTolerance * max(|y_i|, |y_new,i|)) is at most 1.
/// Use <c>new OdeOptions()</c> (not <c>default</c>) to get the documented defaults.
/// </summary>
public readonly record struct OdeOptions
{
    public OdeOptions()
    {
    }

    /// <summary>Absolute tolerance, in the units of y. Default: 1e-10.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-10;

    /// <summary>Relative tolerance. Default: 1e-8.</summary>
    public double RelativeTolerance { get; init; } = 1e-8;

    /// <summary>Largest step allowed. Default: unbounded.</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Accepted plus rejected steps allowed per call. Default: 100,000.</summary>
    public int MaxSteps { get; init; } = 100_000;

    internal void Validate()
    {
        if (!(AbsoluteTolerance > 0.0) || !(RelativeTolerance >= 0.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(AbsoluteTolerance), "Tolerances must be positive (use new OdeOptions(), not default).");
        }

        if (MaxSteps <= 0 || !(MaxStep > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), "MaxSteps and MaxStep must be positive.");
        }
    }
}
