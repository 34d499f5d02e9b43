using System.Globalization;
using Hl7.Fhir.Model;
using Primage.Grains.Twins;
using Observation = Hl7.Fhir.Model.Observation;

namespace Primage.Api.Fhir;

/// <summary>
/// Maps a Bundle onto one twin's timeline (docs/fhir.md): one Patient (twin id, site), an optional
/// Condition (diagnosis, for a twin that does not exist yet), Observations (tumour volume, or three
/// diameters with V = pi/6 d1 d2 d3; ADC; cellularity), Procedures (radiotherapy, surgery),
/// MedicationAdministrations and MedicationRequests (chemotherapy). Pure: every problem becomes an
/// issue at its location and nothing is written here.
/// </summary>
public static class FhirBundleMapper
{
    public static IngestPlan? Map(Bundle bundle, List<FhirIssue> issues)
    {
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Collection))
        {
            issues.Add(new("Bundle.type", "must be 'transaction' or 'collection'"));
        }

        var patients = new List<(Patient P, int I)>();
        var conditions = new List<(Condition C, int I)>();
        var volumes = new List<(Observation O, int I, DateOnly D, double Ml)>();
        var extras = new List<(int I, DateOnly D, double? Adc, double? Cellularity)>();
        var therapies = new List<(TherapyRecord T, string Loc)>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var at = $"Bundle.entry[{i}].resource";
            switch (bundle.Entry[i].Resource)
            {
                case Patient p:
                    patients.Add((p, i));
                    break;
                case Condition c:
                    conditions.Add((c, i));
                    break;
                case Observation o:
                    MapObservation(o, i, at, issues, volumes, extras);
                    break;
                case Procedure pr:
                    if (MapProcedure(pr, at, issues) is { } t1)
                    {
                        therapies.Add((t1, at));
                    }

                    break;
                case MedicationAdministration ma:
                    if (MapChemo(ma.Id, ma.Medication, ma.Effective, ma.Extension, null, at, issues) is { } t2)
                    {
                        therapies.Add((t2, at));
                    }

                    break;
                case MedicationRequest mr:
                    var timing = mr.DosageInstruction.FirstOrDefault()?.Timing?.Repeat;
                    if (MapChemo(mr.Id, mr.Medication, timing?.Bounds, mr.Extension, timing, at, issues) is { } t3)
                    {
                        therapies.Add((t3, at));
                    }

                    break;
                case null:
                    issues.Add(new(at, "is required"));
                    break;
                default:
                    issues.Add(new(at, $"a {bundle.Entry[i].Resource!.TypeName} is not accepted (Patient, Condition, Observation, Procedure, MedicationAdministration, MedicationRequest)", "not-supported"));
                    break;
            }
        }

        if (patients.Count != 1)
        {
            issues.Add(new("Bundle.entry", $"must hold exactly one Patient (found {patients.Count})", "required"));
            return null;
        }

        var (patient, pi) = patients[0];
        var patientAt = $"Bundle.entry[{pi}].resource";
        var idIndex = patient.Identifier.FindIndex(x => x.System == FhirCodes.TwinIdSystem);
        var twinIdLocation = $"{patientAt}.identifier[{Math.Max(idIndex, 0)}].value";
        var twinId = idIndex >= 0 ? patient.Identifier[idIndex].Value : null;
        if (twinId is null || !TwinIds.IsValid(twinId))
        {
            issues.Add(new(twinIdLocation, $"an identifier with system '{FhirCodes.TwinIdSystem}' and a value of 1-64 letters, digits, '-' or '_' is required"));
        }

        var site = patient.ManagingOrganization?.Identifier is { System: FhirCodes.SiteSystem } org ? org.Value : null;
        var siteLocation = $"{patientAt}.managingOrganization.identifier.value";
        if (site is null && patient.Meta?.Tag.FirstOrDefault(t => t.System == FhirCodes.SiteSystem) is { } tag)
        {
            site = tag.Code;
            siteLocation = $"{patientAt}.meta.tag";
        }

        if (site is null || !TwinIds.IsValid(site))
        {
            issues.Add(new(siteLocation, $"the site is required: managingOrganization.identifier or meta.tag with system '{FhirCodes.SiteSystem}'"));
        }

        TwinProfile? profile = null;
        string? profileLocation = null;
        if (conditions.Count > 1)
        {
            issues.Add(new("Bundle.entry", "at most one Condition (the diagnosis) is accepted"));
        }
        else if (conditions.Count == 1)
        {
            var (condition, ci) = conditions[0];
            profileLocation = $"Bundle.entry[{ci}].resource";
            var diagnosis = Diagnosis(condition.Code, $"{profileLocation}.code", issues);
            DateOnly? onset = condition.Onset is null ? null : Date(condition.Onset, $"{profileLocation}.onsetDateTime", issues);
            var sex = patient.Gender switch
            {
                AdministrativeGender.Female => "female",
                AdministrativeGender.Male => "male",
                _ => null,
            };
            if (diagnosis is { } d && site is not null)
            {
                profile = new TwinProfile(site, d, onset, null, sex, new DiseaseMarkers(null, null, null, null, null));
            }
        }

        // ADC and cellularity join the tumour size of the same date (one twin observation per date).
        var observations = new List<(Grains.Twins.Observation, string)>();
        foreach (var (o, i, date, ml) in volumes)
        {
            var adc = extras.Where(e => e.D == date).Select(e => e.Adc).FirstOrDefault(a => a is not null);
            var cell = extras.Where(e => e.D == date).Select(e => e.Cellularity).FirstOrDefault(c => c is not null);
            var withComponents = ReadComponents(o, $"Bundle.entry[{i}].resource", issues);
            observations.Add((new Grains.Twins.Observation(o.Id ?? "", date, ml, withComponents.Adc ?? adc, withComponents.Cellularity ?? cell, null, "FHIR"), $"Bundle.entry[{i}].resource"));
        }

        foreach (var (i, date, _, _) in extras)
        {
            if (!volumes.Exists(v => v.D == date))
            {
                issues.Add(new($"Bundle.entry[{i}].resource.effectiveDateTime", "no tumour size or volume in this bundle has the same date; ADC and cellularity are stored with one"));
            }
        }

        return new IngestPlan(twinId ?? "", twinIdLocation, site, siteLocation, profile, profileLocation, observations, therapies);
    }

    private static void MapObservation(Observation o, int i, string at, List<FhirIssue> issues,
        List<(Observation, int, DateOnly, double)> volumes, List<(int, DateOnly, double?, double?)> extras)
    {
        var code = o.Code?.Coding ?? [];
        var isVolume = code.Exists(c => c.System == FhirCodes.ObservationSystem && c.Code == FhirCodes.TumourVolume);
        var isSize = code.Exists(c => c.System == FhirCodes.Loinc && c.Code == FhirCodes.LoincTumorSize);
        var isAdc = code.Exists(c => c.System == FhirCodes.ObservationSystem && c.Code == FhirCodes.AdcMean);
        var isCell = code.Exists(c => c.System == FhirCodes.ObservationSystem && c.Code == FhirCodes.Cellularity);
        if (!(isVolume || isSize || isAdc || isCell))
        {
            issues.Add(new($"{at}.code", $"no accepted code: {FhirCodes.Loinc}|{FhirCodes.LoincTumorSize} or {FhirCodes.ObservationSystem}|{FhirCodes.TumourVolume}, {FhirCodes.AdcMean}, {FhirCodes.Cellularity}", "code-invalid"));
            return;
        }

        if (o.Status is ObservationStatus.EnteredInError or ObservationStatus.Cancelled)
        {
            issues.Add(new($"{at}.status", "an entered-in-error or cancelled observation cannot be stored", "business-rule"));
            return;
        }

        CheckId(o.Id, at, issues);
        if (o.Effective is null)
        {
            issues.Add(new($"{at}.effectiveDateTime", "is required", "required"));
            return;
        }

        if (Date(o.Effective, $"{at}.effectiveDateTime", issues) is not { } date)
        {
            return;
        }

        if (isVolume)
        {
            if (Quantity(o.Value, $"{at}.valueQuantity", issues) is { } q && Volume(q, $"{at}.valueQuantity", issues) is { } ml)
            {
                volumes.Add((o, i, date, ml));
            }
        }
        else if (isSize)
        {
            if (Diameters(o, at, issues) is { } ml)
            {
                volumes.Add((o, i, date, ml));
            }
        }
        else if (isAdc)
        {
            if (Quantity(o.Value, $"{at}.valueQuantity", issues) is { } q && Adc(q, $"{at}.valueQuantity", issues) is { } adc)
            {
                extras.Add((i, date, adc, null));
            }
        }
        else if (Quantity(o.Value, $"{at}.valueQuantity", issues) is { } q && Fraction(q, $"{at}.valueQuantity", issues) is { } cell)
        {
            extras.Add((i, date, null, cell));
        }
    }

    /// <summary>ADC and cellularity given as components of the tumour-size observation.</summary>
    private static (double? Adc, double? Cellularity) ReadComponents(Observation o, string at, List<FhirIssue> issues)
    {
        double? adc = null, cell = null;
        for (var k = 0; k < o.Component.Count; k++)
        {
            var c = o.Component[k];
            var loc = $"{at}.component[{k}].valueQuantity";
            if (c.Code?.Coding.Exists(x => x.System == FhirCodes.ObservationSystem && x.Code == FhirCodes.AdcMean) == true)
            {
                adc = Quantity(c.Value, loc, issues) is { } q ? Adc(q, loc, issues) : null;
            }
            else if (c.Code?.Coding.Exists(x => x.System == FhirCodes.ObservationSystem && x.Code == FhirCodes.Cellularity) == true)
            {
                cell = Quantity(c.Value, loc, issues) is { } q ? Fraction(q, loc, issues) : null;
            }
        }

        return (adc, cell);
    }

    /// <summary>Three diameters (one maximum, two additional) as components; V = pi/6 d1 d2 d3, in mL.</summary>
    private static double? Diameters(Observation o, string at, List<FhirIssue> issues)
    {
        var mm = new List<double>();
        var hadMax = false;
        for (var k = 0; k < o.Component.Count; k++)
        {
            var c = o.Component[k];
            var isMax = c.Code?.Coding.Exists(x => x.System == FhirCodes.Loinc && x.Code == FhirCodes.LoincMaxDimension) == true;
            var isAdditional = c.Code?.Coding.Exists(x => x.System == FhirCodes.Loinc && x.Code == FhirCodes.LoincAdditionalDimension) == true;
            if (!isMax && !isAdditional)
            {
                continue;
            }

            hadMax |= isMax;
            var loc = $"{at}.component[{k}].valueQuantity";
            if (Quantity(c.Value, loc, issues) is not { } q)
            {
                return null;
            }

            var factor = UnitOf(q) switch
            {
                "mm" => 1.0,
                "cm" => 10.0,
                _ => double.NaN,
            };
            if (double.IsNaN(factor))
            {
                issues.Add(new($"{loc}.code", "a diameter must be in UCUM 'mm' or 'cm'", "value"));
                return null;
            }

            var d = (double)q.Value!.Value * factor;
            if (!(d > 0 && d <= 500))
            {
                issues.Add(new($"{loc}.value", "a diameter must be above 0 and at most 500 mm", "value"));
                return null;
            }

            mm.Add(d);
        }

        if (mm.Count != 3 || !hadMax)
        {
            issues.Add(new($"{at}.component", $"three diameters are required: one {FhirCodes.LoincMaxDimension} and two {FhirCodes.LoincAdditionalDimension} (found {mm.Count})", "required"));
            return null;
        }

        // Ellipsoid: V = pi/6 d1 d2 d3 (mm^3); 1 mL = 1,000 mm^3.
        return Math.PI / 6 * mm[0] * mm[1] * mm[2] / 1000.0;
    }

    private static TherapyRecord? MapProcedure(Procedure p, string at, List<FhirIssue> issues)
    {
        var code = p.Code?.Coding ?? [];
        var isRt = code.Exists(c => (c.System == FhirCodes.Snomed && c.Code == FhirCodes.SnomedRadiotherapy) || (c.System == FhirCodes.TherapySystem && c.Code == "radiotherapy"));
        var isSurgery = code.Exists(c => (c.System == FhirCodes.Snomed && c.Code == FhirCodes.SnomedSurgery) || (c.System == FhirCodes.TherapySystem && c.Code == "surgery"));
        if (!isRt && !isSurgery)
        {
            issues.Add(new($"{at}.code", $"no accepted code: {FhirCodes.Snomed}|{FhirCodes.SnomedRadiotherapy} (radiotherapy) or |{FhirCodes.SnomedSurgery} (surgery), or {FhirCodes.TherapySystem}|radiotherapy or surgery", "code-invalid"));
            return null;
        }

        CheckId(p.Id, at, issues);
        var whenLocation = p.Performed is Period ? $"{at}.performedPeriod.start" : $"{at}.performedDateTime";
        DataType? when = p.Performed is Period period ? period.StartElement : p.Performed;
        if (when is null)
        {
            issues.Add(new(whenLocation, "is required", "required"));
            return null;
        }

        var start = Date(when, whenLocation, issues);
        if (isRt)
        {
            var dose = ExtensionNumber(p.Extension, FhirCodes.ExtDosePerFraction, at, issues, required: true, unit: "Gy");
            var fractions = ExtensionInteger(p.Extension, FhirCodes.ExtFractions, at, issues, required: true);
            var perWeek = ExtensionInteger(p.Extension, FhirCodes.ExtFractionsPerWeek, at, issues, required: false) ?? 5;
            return start is { } s && dose is { } g && fractions is { } f
                ? new TherapyRecord(p.Id ?? "", TherapyKind.Radiotherapy, s, DosePerFractionGy: g, Fractions: f, FractionsPerWeek: perWeek)
                : null;
        }

        var resected = ExtensionNumber(p.Extension, FhirCodes.ExtResectedFraction, at, issues, required: true, unit: null);
        return start is { } day && resected is { } r
            ? new TherapyRecord(p.Id ?? "", TherapyKind.Surgery, day, ResectedFraction: r)
            : null;
    }

    private static TherapyRecord? MapChemo(string? id, DataType? medication, DataType? when, List<Extension> extensions, Timing.RepeatComponent? repeat, string at, List<FhirIssue> issues)
    {
        CheckId(id, at, issues);
        string? regimen = null;
        if (medication is CodeableConcept cc)
        {
            regimen = cc.Coding.FirstOrDefault(c => c.System == FhirCodes.RegimenSystem)?.Code ?? cc.Text;
        }

        if (regimen is null)
        {
            issues.Add(new($"{at}.medicationCodeableConcept", $"the regimen is required: a coding with system '{FhirCodes.RegimenSystem}' or text", "required"));
        }
        else if (!KnownRegimens.Contains(regimen))
        {
            issues.Add(new($"{at}.medicationCodeableConcept", $"regimen '{regimen}' is not one the models know", "code-invalid"));
        }

        string whenLocation;
        DataType? start;
        if (repeat is not null)
        {
            whenLocation = $"{at}.dosageInstruction[0].timing.repeat.boundsPeriod.start";
            start = (when as Period)?.StartElement;
        }
        else
        {
            whenLocation = when is Period ? $"{at}.effectivePeriod.start" : $"{at}.effectiveDateTime";
            start = when is Period p ? p.StartElement : when;
        }

        DateOnly? day = null;
        if (start is null)
        {
            issues.Add(new(whenLocation, "is required", "required"));
        }
        else
        {
            day = Date(start, whenLocation, issues);
        }

        int? cycles;
        int? interval;
        if (repeat is not null)
        {
            cycles = repeat.Count;
            if (cycles is null)
            {
                issues.Add(new($"{at}.dosageInstruction[0].timing.repeat.count", "the number of cycles is required", "required"));
            }

            interval = null;
            if (repeat.Period is { } period)
            {
                var days = repeat.PeriodUnit switch
                {
                    Timing.UnitsOfTime.D => (double)period,
                    Timing.UnitsOfTime.Wk => (double)period * 7,
                    _ => double.NaN,
                };
                if (double.IsNaN(days) || days != Math.Round(days))
                {
                    issues.Add(new($"{at}.dosageInstruction[0].timing.repeat.periodUnit", "the cycle interval must be a whole number of days ('d' or 'wk')", "value"));
                }
                else
                {
                    interval = (int)days;
                }
            }
            else
            {
                issues.Add(new($"{at}.dosageInstruction[0].timing.repeat.period", "the cycle interval is required", "required"));
            }
        }
        else
        {
            cycles = ExtensionInteger(extensions, FhirCodes.ExtCycles, at, issues, required: true);
            interval = ExtensionInteger(extensions, FhirCodes.ExtCycleIntervalDays, at, issues, required: true);
        }

        return regimen is not null && day is { } d && cycles is { } c && interval is { } iv
            ? new TherapyRecord(id ?? "", TherapyKind.Chemotherapy, d, Regimen: regimen, Cycles: c, CycleIntervalDays: iv)
            : null;
    }

    private static Diagnosis? Diagnosis(CodeableConcept? code, string at, List<FhirIssue> issues)
    {
        foreach (var c in code?.Coding ?? [])
        {
            if (c.System == FhirCodes.DiagnosisSystem && TwinVocabulary.TryParseDiagnosis(c.Code, out var d))
            {
                return d;
            }

            if (c.System == FhirCodes.Snomed && c.Code == FhirCodes.SnomedNeuroblastoma)
            {
                return Grains.Twins.Diagnosis.Neuroblastoma;
            }
        }

        issues.Add(new(at, $"no accepted diagnosis: {FhirCodes.DiagnosisSystem}|neuroblastoma or dipg, or {FhirCodes.Snomed}|{FhirCodes.SnomedNeuroblastoma}", "code-invalid"));
        return null;
    }

    private static void CheckId(string? id, string at, List<FhirIssue> issues)
    {
        if (id is null || !TwinIds.IsValid(id))
        {
            issues.Add(new($"{at}.id", "is required (it becomes the idempotency key): 1-64 letters, digits, '-' or '_'", "required"));
        }
    }

    /// <summary>A full date (yyyy-MM-dd, optionally with a time); partial dates are refused.</summary>
    private static DateOnly? Date(DataType value, string at, List<FhirIssue> issues)
    {
        var text = value switch
        {
            FhirDateTime dt => dt.Value,
            Date d => d.Value,
            _ => null,
        };
        if (text is null || text.Length < 10 || !DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            issues.Add(new(at, "must be a full date (yyyy-MM-dd, optionally with a time)", "value"));
            return null;
        }

        return day;
    }

    private static Quantity? Quantity(DataType? value, string at, List<FhirIssue> issues)
    {
        if (value is not Quantity q)
        {
            issues.Add(new(at, "a Quantity is required", "required"));
            return null;
        }

        if (q.Value is null)
        {
            issues.Add(new($"{at}.value", "is required", "required"));
            return null;
        }

        return q;
    }

    private static string? UnitOf(Quantity q) => q.System == FhirCodes.Ucum ? q.Code : null;

    private static double? Volume(Quantity q, string at, List<FhirIssue> issues)
    {
        if (UnitOf(q) is not ("mL" or "cm3"))
        {
            issues.Add(new($"{at}.code", "a volume must be in UCUM 'mL' or 'cm3'", "value"));
            return null;
        }

        return (double)q.Value!.Value;
    }

    /// <summary>ADC in 10^-6 mm^2/s (UCUM "10*-6.mm2/s" or "um2/s", the same unit).</summary>
    private static double? Adc(Quantity q, string at, List<FhirIssue> issues)
    {
        if (UnitOf(q) is not ("10*-6.mm2/s" or "um2/s"))
        {
            issues.Add(new($"{at}.code", "ADC must be in UCUM '10*-6.mm2/s' or 'um2/s'", "value"));
            return null;
        }

        return (double)q.Value!.Value;
    }

    /// <summary>A fraction: UCUM "1" (0-1) or "%" (divided by 100).</summary>
    private static double? Fraction(Quantity q, string at, List<FhirIssue> issues) => UnitOf(q) switch
    {
        "1" => (double)q.Value!.Value,
        "%" => (double)q.Value!.Value / 100.0,
        _ => Refuse(issues, $"{at}.code", "a fraction must be in UCUM '1' or '%'"),
    };

    private static double? Refuse(List<FhirIssue> issues, string at, string message)
    {
        issues.Add(new(at, message, "value"));
        return null;
    }

    private static double? ExtensionNumber(List<Extension> extensions, string url, string at, List<FhirIssue> issues, bool required, string? unit)
    {
        var index = extensions.FindIndex(e => e.Url == url);
        if (index < 0)
        {
            if (required)
            {
                issues.Add(new($"{at}.extension('{url}')", "is required", "required"));
            }

            return null;
        }

        var loc = $"{at}.extension[{index}]";
        switch (extensions[index].Value)
        {
            case FhirDecimal { Value: { } d }:
                return (double)d;
            case Quantity { Value: { } v } q when unit is null || q.Code == unit || q.Unit == unit:
                return (double)v;
            default:
                issues.Add(new($"{loc}.value", unit is null ? "a valueDecimal is required" : $"a valueQuantity in '{unit}' or a valueDecimal is required", "value"));
                return null;
        }
    }

    private static int? ExtensionInteger(List<Extension> extensions, string url, string at, List<FhirIssue> issues, bool required)
    {
        var index = extensions.FindIndex(e => e.Url == url);
        if (index < 0)
        {
            if (required)
            {
                issues.Add(new($"{at}.extension('{url}')", "is required", "required"));
            }

            return null;
        }

        if (extensions[index].Value is Integer { Value: { } n })
        {
            return n;
        }

        issues.Add(new($"{at}.extension[{index}].valueInteger", "a valueInteger is required", "value"));
        return null;
    }
}
