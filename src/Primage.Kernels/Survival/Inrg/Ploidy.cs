namespace Primage.Kernels.Survival.Inrg;

/// <summary>DNA ploidy of the tumour.</summary>
public enum Ploidy
{
    /// <summary>Hyperdiploid (DNA index above 1).</summary>
    Hyperdiploid,

    /// <summary>Diploid, including hypodiploid (DNA index 1 or below).</summary>
    Diploid,
}
