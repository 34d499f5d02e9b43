namespace Primage.Kernels.Survival.Inrg;

/// <summary>Grade of tumour differentiation.</summary>
public enum InrgGrade
{
    /// <summary>Differentiating.</summary>
    Differentiating,

    /// <summary>Poorly differentiated.</summary>
    PoorlyDifferentiated,

    /// <summary>Undifferentiated.</summary>
    Undifferentiated,
}
