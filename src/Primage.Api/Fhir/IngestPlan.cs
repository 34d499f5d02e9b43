using Primage.Grains.Twins;

namespace Primage.Api.Fhir;

/// <summary>What a bundle means for one twin, each item with the location it came from.</summary>
public sealed record IngestPlan(
    string TwinId,
    string TwinIdLocation,
    string? Site,
    string SiteLocation,
    TwinProfile? Profile,
    string? ProfileLocation,
    IReadOnlyList<(Observation Item, string Location)> Observations,
    IReadOnlyList<(TherapyRecord Item, string Location)> Therapies);
