namespace Primage.Grains.Twins;

/// <summary>
/// One therapy on the timeline, flat so that it stores and compares simply; which fields apply
/// depends on <see cref="Kind"/>:
/// radiotherapy: Start, DosePerFractionGy, Fractions, FractionsPerWeek;
/// chemotherapy: Regimen, Start, Cycles, CycleIntervalDays;
/// surgery: Start (the date of the operation), ResectedFraction.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.therapy.v1")]
public sealed record TherapyRecord(
    [property: Id(0)] string TherapyId,
    [property: Id(1)] TherapyKind Kind,
    [property: Id(2)] DateOnly Start,
    [property: Id(3)] double? DosePerFractionGy = null,
    [property: Id(4)] int? Fractions = null,
    [property: Id(5)] int? FractionsPerWeek = null,
    [property: Id(6)] string? Regimen = null,
    [property: Id(7)] int? Cycles = null,
    [property: Id(8)] int? CycleIntervalDays = null,
    [property: Id(9)] double? ResectedFraction = null);
