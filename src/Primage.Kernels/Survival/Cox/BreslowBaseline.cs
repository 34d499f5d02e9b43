namespace Primage.Kernels.Survival.Cox;

/// <summary>Breslow estimate of the baseline cumulative hazard, a step function at the distinct event times.</summary>
/// <param name="Times">Distinct event times, ascending.</param>
/// <param name="CumulativeHazard">H0 just after each time.</param>
public sealed record BreslowBaseline(IReadOnlyList<double> Times, IReadOnlyList<double> CumulativeHazard)
{
    /// <summary>H0(t), right-continuous.</summary>
    public double At(double t)
    {
        var h = 0.0;
        for (var k = 0; k < Times.Count && Times[k] <= t; k++)
        {
            h = CumulativeHazard[k];
        }

        return h;
    }
}
