namespace Primage.Api.Twins.Contracts;

/// <summary>A twin's profile on the wire. site and diagnosis ("neuroblastoma" | "dipg") are required.</summary>
public sealed record ProfileDto(
    string? Site,
    string? Diagnosis,
    DateOnly? DiagnosisDate = null,
    double? AgeAtDiagnosisMonths = null,
    string? Sex = null,
    MarkersDto? Markers = null);
