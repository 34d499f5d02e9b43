namespace Primage.Api.Clinician;

/// <summary>One twin in a site's list.</summary>
public sealed record TwinListItemDto(string Id, string Diagnosis, int Observations, int Therapies, int? PredictionVersion);
