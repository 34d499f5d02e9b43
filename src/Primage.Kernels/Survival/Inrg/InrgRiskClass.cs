namespace Primage.Kernels.Survival.Inrg;

/// <summary>INRG pre-treatment risk class (expected 5-year EFS: very low above 85%, low 75-85%, intermediate 50-75%, high below 50%).</summary>
public enum InrgRiskClass
{
    /// <summary>Very low risk.</summary>
    VeryLow,

    /// <summary>Low risk.</summary>
    Low,

    /// <summary>Intermediate risk.</summary>
    Intermediate,

    /// <summary>High risk.</summary>
    High,
}
