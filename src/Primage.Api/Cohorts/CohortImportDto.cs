namespace Primage.Api.Cohorts;

/// <summary>What an import did: twins written, observations stored (new), rows refused with reasons.</summary>
public sealed record CohortImportDto(string CohortId, int Twins, int ObservationsCreated, int ObservationsUnchanged, IReadOnlyList<string> Errors, IReadOnlyList<string> TwinIds);
