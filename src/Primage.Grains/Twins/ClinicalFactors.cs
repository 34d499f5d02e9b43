namespace Primage.Grains.Twins;

/// <summary>
/// Optional clinical factors used by the end-point predictors. Neuroblastoma: INRGSS stage
/// ("l1" | "l2" | "m" | "ms"), INSS stage ("1" | "2" | "2a" | "2b" | "3" | "4" | "4s"), 11q aberration,
/// ploidy ("hyperdiploid" | "diploid" | "hypodiploid"), clinical high-risk assignment. DIPG: symptom
/// duration before diagnosis (months), ring enhancement on MRI at diagnosis, chemotherapy given.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.clinical-factors.v1")]
public sealed record ClinicalFactors(
    [property: Id(0)] string? InrgssStage = null,
    [property: Id(1)] string? InssStage = null,
    [property: Id(2)] bool? ElevenQAberration = null,
    [property: Id(3)] string? Ploidy = null,
    [property: Id(4)] bool? HighRisk = null,
    [property: Id(5)] double? SymptomDurationMonths = null,
    [property: Id(6)] bool? RingEnhancement = null,
    [property: Id(7)] bool? ReceivesChemotherapy = null)
{
    public static ClinicalFactors None { get; } = new();
}
