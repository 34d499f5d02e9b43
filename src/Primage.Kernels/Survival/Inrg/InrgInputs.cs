namespace Primage.Kernels.Survival.Inrg;

/// <summary>The inputs of the INRG pre-treatment classification; any may be unknown (null).</summary>
/// <param name="Stage">INRGSS stage.</param>
/// <param name="AgeMonths">Age at diagnosis in months (18 months = 547.5 days).</param>
/// <param name="Histology">Histologic category.</param>
/// <param name="Grade">Grade of differentiation.</param>
/// <param name="MycnAmplified">True when MYCN is amplified.</param>
/// <param name="ElevenQAberration">True when an 11q aberration is present.</param>
/// <param name="Ploidy">DNA ploidy.</param>
public sealed record InrgInputs(
    InrgssStage? Stage,
    double? AgeMonths,
    InrgHistology? Histology,
    InrgGrade? Grade,
    bool? MycnAmplified,
    bool? ElevenQAberration,
    Ploidy? Ploidy);
