namespace Primage.Kernels.Survival.Dipg;

/// <summary>Inputs of the DIPG survival prediction; any may be unknown (null).</summary>
/// <param name="AgeAtDiagnosisMonths">Age at diagnosis, months (twin profile: ageAtDiagnosisMonths).</param>
/// <param name="SymptomDurationMonths">Symptom duration before diagnosis, months (twin profile: symptomDurationMonths).</param>
/// <param name="RingEnhancement">Ring enhancement on MRI at diagnosis (twin profile: ringEnhancement).</param>
/// <param name="ReceivesChemotherapy">Any chemotherapy during the disease course (twin profile: receivesChemotherapy).</param>
public sealed record DipgFeatures(double? AgeAtDiagnosisMonths, double? SymptomDurationMonths, bool? RingEnhancement, bool? ReceivesChemotherapy);
