namespace Primage.Kernels.Survival.Inrg;

/// <summary>Names of the inputs of the INRG classification, as reported in used and missing lists.</summary>
public enum InrgInput
{
    /// <summary>INRGSS stage.</summary>
    Stage,

    /// <summary>Age at diagnosis in months.</summary>
    AgeMonths,

    /// <summary>Histologic category.</summary>
    Histology,

    /// <summary>Grade of differentiation.</summary>
    Grade,

    /// <summary>MYCN amplification.</summary>
    Mycn,

    /// <summary>11q aberration.</summary>
    ElevenQ,

    /// <summary>DNA ploidy.</summary>
    Ploidy,
}
