namespace Primage.Api.Cohorts;

/// <summary>One subject of an imported file: optional profile fields and its (day, volume mL) measurements.</summary>
public sealed record CohortSubject(string Subject, string? Site, string? Diagnosis, DateOnly? DiagnosisDate, List<(double Day, double VolumeMl)> Measurements);
