namespace Primage.Api.Twins.Contracts;

/// <summary>A follow-up observation. observationId, takenOn and tumourVolumeMl are required; the
/// observation id is the idempotency key. adcMean in 10^-6 mm^2/s; fractions in [0, 1].</summary>
public sealed record ObservationDto(
    string? ObservationId,
    DateOnly? TakenOn,
    double? TumourVolumeMl,
    double? AdcMean = null,
    double? Cellularity = null,
    double? VascularFraction = null,
    string? Source = null);
