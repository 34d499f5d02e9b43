using System.Text.Json.Serialization;

namespace Primage.Api.Twins.Contracts;

/// <summary>
/// One therapy; the fields that apply depend on kind:
/// radiotherapy {start, dosePerFractionGy, fractions, fractionsPerWeek};
/// chemotherapy {regimen, start, cycles, cycleIntervalDays};
/// surgery {date, resectedFraction}. therapyId is the idempotency key.
/// </summary>
public sealed record TherapyDto(
    string? TherapyId,
    string? Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Start = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Date = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DosePerFractionGy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Fractions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FractionsPerWeek = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Regimen = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Cycles = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CycleIntervalDays = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ResectedFraction = null);
