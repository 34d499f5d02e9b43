namespace Primage.Kernels.Therapy;

/// <summary>What happens at a therapy event.</summary>
public enum TherapyEventKind
{
    /// <summary>A radiotherapy fraction: V is multiplied by the LQ surviving fraction of <see cref="TherapyEvent.Value"/> Gy.</summary>
    RadiotherapyFraction = 0,

    /// <summary>Surgery: V is multiplied by 1 - <see cref="TherapyEvent.Value"/> (the resected fraction).</summary>
    Surgery = 1,

    /// <summary>A chemotherapy cycle starts (no jump in V; the exposure gains e^(-lambda (t - day))). Value is the course index.</summary>
    ChemotherapyCycle = 2,
}
