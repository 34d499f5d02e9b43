namespace Primage.Grains.Twins;

/// <summary>
/// The pseudonymous profile of a patient twin. Site (hospital code) and diagnosis are required;
/// the rest is optional. Site never changes once the twin exists.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.twin-profile.v1")]
public sealed record TwinProfile(
    [property: Id(0)] string Site,
    [property: Id(1)] Diagnosis Diagnosis,
    [property: Id(2)] DateOnly? DiagnosisDate,
    [property: Id(3)] double? AgeAtDiagnosisMonths,
    [property: Id(4)] string? Sex,
    [property: Id(5)] DiseaseMarkers Markers,
    [property: Id(6)] ClinicalFactors? Clinical = null)
{
    /// <summary>The clinical factors, never null.</summary>
    public ClinicalFactors Factors => Clinical ?? ClinicalFactors.None;
}
