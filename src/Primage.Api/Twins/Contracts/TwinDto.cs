namespace Primage.Api.Twins.Contracts;

/// <summary>A twin as GET /api/twins/{id} returns it. prediction is null until the first prediction exists.</summary>
public sealed record TwinDto(
    string Id,
    ProfileDto Profile,
    IReadOnlyList<ObservationDto> Observations,
    IReadOnlyList<TherapyDto> Therapies,
    PredictionSummaryDto? Prediction);
