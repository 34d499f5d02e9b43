using System.Text.Json.Serialization;

namespace Primage.Api.Twins.Contracts;

/// <summary>
/// A twin's profile on the wire. site and diagnosis ("neuroblastoma" | "dipg") are required.
/// Optional end-point inputs — neuroblastoma: inrgssStage ("l1" | "l2" | "m" | "ms"), inssStage
/// ("1" | "2" | "2a" | "2b" | "3" | "4" | "4s"), elevenQAberration, ploidy ("hyperdiploid" | "diploid" |
/// "hypodiploid"), highRisk; DIPG: symptomDurationMonths, ringEnhancement, receivesChemotherapy.
/// </summary>
public sealed record ProfileDto(
    string? Site,
    string? Diagnosis,
    DateOnly? DiagnosisDate = null,
    double? AgeAtDiagnosisMonths = null,
    string? Sex = null,
    MarkersDto? Markers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InrgssStage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InssStage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ElevenQAberration = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ploidy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HighRisk = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SymptomDurationMonths = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? RingEnhancement = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ReceivesChemotherapy = null);
