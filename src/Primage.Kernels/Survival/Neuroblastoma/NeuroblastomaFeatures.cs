namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>Inputs of the neuroblastoma survival predictor; any may be unknown (null).</summary>
/// <param name="Stage">INSS stage (twin profile: inssStage).</param>
/// <param name="AgeAtDiagnosisMonths">Age at diagnosis, months (twin profile: ageAtDiagnosisMonths).</param>
/// <param name="MycnAmplified">MYCN amplification (twin profile: markers.mycnAmplified).</param>
/// <param name="HighRisk">Clinically high risk as assigned by the treating group (SEQC "high_risk"); no profile field yet.</param>
/// <param name="Male">Sex, true for male; no profile field yet.</param>
public sealed record NeuroblastomaFeatures(
    InssStage? Stage,
    double? AgeAtDiagnosisMonths,
    bool? MycnAmplified,
    bool? HighRisk,
    bool? Male);
