using Primage.Api.Http;
using Primage.Api.Twins.Contracts;
using Primage.Grains.Twins;

namespace Primage.Api.Twins;

/// <summary>
/// Maps wire contracts to grain records and back. Presence and vocabulary of wire fields are
/// checked here; the domain rules (ranges, dates against the diagnosis) are the grain's.
/// </summary>
public static class TwinMapping
{
    public static TwinProfile? ToProfile(ProfileDto dto, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(dto.Site))
        {
            errors.Add("site", "is required");
        }

        Diagnosis diagnosis = default;
        if (dto.Diagnosis is null)
        {
            errors.Add("diagnosis", "is required");
        }
        else if (!TwinVocabulary.TryParseDiagnosis(dto.Diagnosis, out diagnosis))
        {
            errors.Add("diagnosis", "must be one of: neuroblastoma, dipg");
        }

        if (errors.Any)
        {
            return null;
        }

        var m = dto.Markers ?? new MarkersDto();
        return new TwinProfile(
            dto.Site!,
            diagnosis,
            dto.DiagnosisDate,
            dto.AgeAtDiagnosisMonths,
            dto.Sex,
            new DiseaseMarkers(m.MycnAmplified, m.Alk, m.Histology, m.Grade, m.H3k27m),
            Factors(dto));
    }

    private static ClinicalFactors? Factors(ProfileDto d)
    {
        var factors = new ClinicalFactors(d.InrgssStage, d.InssStage, d.ElevenQAberration, d.Ploidy, d.HighRisk, d.SymptomDurationMonths, d.RingEnhancement, d.ReceivesChemotherapy);
        return factors == ClinicalFactors.None ? null : factors;
    }

    public static Observation? ToObservation(ObservationDto dto, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(dto.ObservationId))
        {
            errors.Add("observationId", "is required");
        }

        if (dto.TakenOn is null)
        {
            errors.Add("takenOn", "is required (yyyy-MM-dd)");
        }

        if (dto.TumourVolumeMl is null)
        {
            errors.Add("tumourVolumeMl", "is required");
        }

        return errors.Any
            ? null
            : new Observation(dto.ObservationId!, dto.TakenOn!.Value, dto.TumourVolumeMl!.Value, dto.AdcMean, dto.Cellularity, dto.VascularFraction, dto.Source);
    }

    public static TherapyRecord? ToTherapy(TherapyDto dto, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(dto.TherapyId))
        {
            errors.Add("therapyId", "is required");
        }

        if (!TwinVocabulary.TryParseTherapyKind(dto.Kind, out var kind))
        {
            errors.Add("kind", dto.Kind is null ? "is required" : "must be one of: radiotherapy, chemotherapy, surgery");
            return null;
        }

        DateOnly? when;
        if (kind == TherapyKind.Surgery)
        {
            when = dto.Date;
            if (dto.Start is not null)
            {
                errors.Add("start", "does not apply to surgery (use date)");
            }

            if (when is null)
            {
                errors.Add("date", "is required (yyyy-MM-dd)");
            }
        }
        else
        {
            when = dto.Start;
            if (dto.Date is not null)
            {
                errors.Add("date", $"does not apply to {dto.Kind} (use start)");
            }

            if (when is null)
            {
                errors.Add("start", "is required (yyyy-MM-dd)");
            }
        }

        return errors.Any
            ? null
            : new TherapyRecord(dto.TherapyId!, kind, when!.Value, dto.DosePerFractionGy, dto.Fractions, dto.FractionsPerWeek, dto.Regimen, dto.Cycles, dto.CycleIntervalDays, dto.ResectedFraction);
    }

    public static ProfileDto ToDto(TwinProfile p) => new(
        p.Site,
        TwinVocabulary.ToWire(p.Diagnosis),
        p.DiagnosisDate,
        p.AgeAtDiagnosisMonths,
        p.Sex,
        new MarkersDto(p.Markers.MycnAmplified, p.Markers.Alk, p.Markers.Histology, p.Markers.Grade, p.Markers.H3K27M),
        p.Factors.InrgssStage,
        p.Factors.InssStage,
        p.Factors.ElevenQAberration,
        p.Factors.Ploidy,
        p.Factors.HighRisk,
        p.Factors.SymptomDurationMonths,
        p.Factors.RingEnhancement,
        p.Factors.ReceivesChemotherapy);

    public static ObservationDto ToDto(Observation o) =>
        new(o.ObservationId, o.TakenOn, o.TumourVolumeMl, o.AdcMean, o.Cellularity, o.VascularFraction, o.Source);

    public static TherapyDto ToDto(TherapyRecord t) => t.Kind == TherapyKind.Surgery
        ? new(t.TherapyId, "surgery", Date: t.Start, ResectedFraction: t.ResectedFraction)
        : new(t.TherapyId, TwinVocabulary.ToWire(t.Kind), Start: t.Start, DosePerFractionGy: t.DosePerFractionGy, Fractions: t.Fractions,
            FractionsPerWeek: t.FractionsPerWeek, Regimen: t.Regimen, Cycles: t.Cycles, CycleIntervalDays: t.CycleIntervalDays);

    public static TwinDto ToDto(TwinSnapshot twin, PredictionSummaryDto? prediction) => new(
        twin.Id,
        ToDto(twin.Profile),
        [.. twin.Observations.Select(ToDto)],
        [.. twin.Therapies.Select(ToDto)],
        prediction);

    public static void AddAll(FieldErrors errors, IEnumerable<ValidationError> domainErrors)
    {
        foreach (var error in domainErrors)
        {
            errors.Add(error.Field, error.Reason);
        }
    }
}
