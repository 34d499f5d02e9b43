namespace Primage.Grains.Twins;

/// <summary>
/// One follow-up measurement. ObservationId is client-chosen and the idempotency key.
/// Volume in mL; ADC mean in 10^-6 mm^2/s; cellularity and vascular fraction in [0, 1].
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.observation.v1")]
public sealed record Observation(
    [property: Id(0)] string ObservationId,
    [property: Id(1)] DateOnly TakenOn,
    [property: Id(2)] double TumourVolumeMl,
    [property: Id(3)] double? AdcMean = null,
    [property: Id(4)] double? Cellularity = null,
    [property: Id(5)] double? VascularFraction = null,
    [property: Id(6)] string? Source = null);
