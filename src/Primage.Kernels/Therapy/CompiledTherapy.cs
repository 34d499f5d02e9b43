namespace Primage.Kernels.Therapy;

/// <summary>
/// A therapy plan expanded once into what the integrator needs: the ordered instantaneous events
/// (each radiotherapy fraction on its actual day, each surgery) and the chemotherapy exposure
/// function. Immutable and shareable across threads, so an ensemble of thousands of simulations
/// compiles the plan once.
/// </summary>
public sealed class CompiledTherapy
{
    private CompiledTherapy()
    {
    }

    /// <summary>Expands <paramref name="plan"/>; unknown regimen names throw <see cref="ArgumentException"/>.</summary>
    public static CompiledTherapy From(TherapyPlan plan) => throw new NotImplementedException("Filled in by the therapy work.");
}
