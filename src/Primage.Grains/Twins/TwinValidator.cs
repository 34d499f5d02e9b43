namespace Primage.Grains.Twins;

/// <summary>
/// The twin's invariants, checked before anything is stored. Pure: the caller passes "today"
/// and the stored profile, so the same rules serve the grain and its tests.
/// </summary>
public static class TwinValidator
{
    /// <summary>Largest tumour volume accepted (mL): above any paediatric tumour, below typos of units.</summary>
    public const double MaxVolumeMl = 10_000;

    /// <summary>Plausible ADC range (10^-6 mm^2/s); free water at 37 degrees C is about 3,000.</summary>
    public const double MinAdc = 50;

    public const double MaxAdc = 4_000;

    public const int MaxSourceLength = 200;

    public static List<ValidationError> ValidateProfile(TwinProfile profile, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (!IsCode(profile.Site))
        {
            errors.Add(new("site", "is required: 1-64 letters, digits, '-' or '_'"));
        }

        if (profile.DiagnosisDate is { } diagnosed && diagnosed > today)
        {
            errors.Add(new("diagnosisDate", "is in the future"));
        }

        if (profile.AgeAtDiagnosisMonths is { } age && (!double.IsFinite(age) || age < 0 || age > 300))
        {
            errors.Add(new("ageAtDiagnosisMonths", "must be a finite number of months between 0 and 300"));
        }

        CheckVocabulary(errors, "sex", profile.Sex, TwinVocabulary.Sexes);
        var markers = profile.Markers;
        CheckVocabulary(errors, "markers.alk", markers.Alk, TwinVocabulary.AlkStatuses);
        CheckVocabulary(errors, "markers.histology", markers.Histology, TwinVocabulary.Histologies);
        CheckVocabulary(errors, "markers.grade", markers.Grade, TwinVocabulary.Grades);
        CheckVocabulary(errors, "markers.h3k27m", markers.H3K27M, TwinVocabulary.H3K27MStatuses);
        var clinical = profile.Factors;
        CheckVocabulary(errors, "inrgssStage", clinical.InrgssStage, TwinVocabulary.InrgssStages);
        CheckVocabulary(errors, "inssStage", clinical.InssStage, TwinVocabulary.InssStages);
        CheckVocabulary(errors, "ploidy", clinical.Ploidy, TwinVocabulary.Ploidies);
        if (clinical.SymptomDurationMonths is { } symptoms && (!double.IsFinite(symptoms) || symptoms < 0 || symptoms > 120))
        {
            errors.Add(new("symptomDurationMonths", "must be a finite number of months between 0 and 120"));
        }

        if (profile.Diagnosis == Diagnosis.Dipg)
        {
            NotFor(errors, "inrgssStage", clinical.InrgssStage is not null, "dipg");
            NotFor(errors, "inssStage", clinical.InssStage is not null, "dipg");
            NotFor(errors, "elevenQAberration", clinical.ElevenQAberration is not null, "dipg");
            NotFor(errors, "ploidy", clinical.Ploidy is not null, "dipg");
            NotFor(errors, "highRisk", clinical.HighRisk is not null, "dipg");
        }
        else
        {
            NotFor(errors, "symptomDurationMonths", clinical.SymptomDurationMonths is not null, "neuroblastoma");
            NotFor(errors, "ringEnhancement", clinical.RingEnhancement is not null, "neuroblastoma");
            NotFor(errors, "receivesChemotherapy", clinical.ReceivesChemotherapy is not null, "neuroblastoma");
        }

        if (profile.Diagnosis == Diagnosis.Dipg)
        {
            NotFor(errors, "markers.mycnAmplified", markers.MycnAmplified is not null, "dipg");
            NotFor(errors, "markers.alk", markers.Alk is not null, "dipg");
            NotFor(errors, "markers.histology", markers.Histology is not null, "dipg");
            NotFor(errors, "markers.grade", markers.Grade is not null, "dipg");
        }
        else
        {
            NotFor(errors, "markers.h3k27m", markers.H3K27M is not null, "neuroblastoma");
        }

        return errors;
    }

    public static List<ValidationError> ValidateObservation(Observation observation, TwinProfile profile, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (!TwinIds.IsValid(observation.ObservationId))
        {
            errors.Add(new("observationId", "is required: 1-64 letters, digits, '-' or '_'"));
        }

        CheckDate(errors, "takenOn", observation.TakenOn, profile, today, futureAllowed: false);
        var volume = observation.TumourVolumeMl;
        if (!double.IsFinite(volume) || volume <= 0 || volume > MaxVolumeMl)
        {
            errors.Add(new("tumourVolumeMl", $"must be a finite volume above 0 and at most {MaxVolumeMl} mL"));
        }

        if (observation.AdcMean is { } adc && (!double.IsFinite(adc) || adc < MinAdc || adc > MaxAdc))
        {
            errors.Add(new("adcMean", $"must be between {MinAdc} and {MaxAdc} (10^-6 mm^2/s)"));
        }

        CheckFraction(errors, "cellularity", observation.Cellularity);
        CheckFraction(errors, "vascularFraction", observation.VascularFraction);
        if (observation.Source is { Length: > MaxSourceLength })
        {
            errors.Add(new("source", $"is longer than {MaxSourceLength} characters"));
        }

        return errors;
    }

    public static List<ValidationError> ValidateTherapy(TherapyRecord therapy, TwinProfile profile, DateOnly today, Func<string, bool> isKnownRegimen)
    {
        var errors = new List<ValidationError>();
        if (!TwinIds.IsValid(therapy.TherapyId))
        {
            errors.Add(new("therapyId", "is required: 1-64 letters, digits, '-' or '_'"));
        }

        // Therapies may be planned ahead (the forecast runs under the plan), so only "not before
        // diagnosis" applies to their dates, and a plan more than ten years out is a typo.
        var dateField = therapy.Kind == TherapyKind.Surgery ? "date" : "start";
        CheckDate(errors, dateField, therapy.Start, profile, today.AddYears(10), futureAllowed: true);
        switch (therapy.Kind)
        {
            case TherapyKind.Radiotherapy:
                Require(errors, "dosePerFractionGy", therapy.DosePerFractionGy, d => double.IsFinite(d) && d > 0 && d <= 30, "must be above 0 and at most 30 Gy");
                Require(errors, "fractions", therapy.Fractions, n => n is >= 1 and <= 100, "must be a whole number from 1 to 100");
                Require(errors, "fractionsPerWeek", therapy.FractionsPerWeek, n => n is >= 1 and <= 7, "must be a whole number from 1 to 7");
                NotApplicable(errors, therapy, "regimen", therapy.Regimen is not null);
                NotApplicable(errors, therapy, "cycles", therapy.Cycles is not null);
                NotApplicable(errors, therapy, "cycleIntervalDays", therapy.CycleIntervalDays is not null);
                NotApplicable(errors, therapy, "resectedFraction", therapy.ResectedFraction is not null);
                break;
            case TherapyKind.Chemotherapy:
                if (string.IsNullOrWhiteSpace(therapy.Regimen))
                {
                    errors.Add(new("regimen", "is required"));
                }
                else if (!isKnownRegimen(therapy.Regimen))
                {
                    errors.Add(new("regimen", $"'{Truncate(therapy.Regimen)}' is not in the regimen catalogue"));
                }

                Require(errors, "cycles", therapy.Cycles, n => n is >= 1 and <= 50, "must be a whole number from 1 to 50");
                Require(errors, "cycleIntervalDays", therapy.CycleIntervalDays, n => n is >= 1 and <= 120, "must be a whole number of days from 1 to 120");
                NotApplicable(errors, therapy, "dosePerFractionGy", therapy.DosePerFractionGy is not null);
                NotApplicable(errors, therapy, "fractions", therapy.Fractions is not null);
                NotApplicable(errors, therapy, "fractionsPerWeek", therapy.FractionsPerWeek is not null);
                NotApplicable(errors, therapy, "resectedFraction", therapy.ResectedFraction is not null);
                break;
            case TherapyKind.Surgery:
                Require(errors, "resectedFraction", therapy.ResectedFraction, f => double.IsFinite(f) && f is >= 0 and <= 1, "must be a fraction between 0 and 1");
                NotApplicable(errors, therapy, "dosePerFractionGy", therapy.DosePerFractionGy is not null);
                NotApplicable(errors, therapy, "fractions", therapy.Fractions is not null);
                NotApplicable(errors, therapy, "fractionsPerWeek", therapy.FractionsPerWeek is not null);
                NotApplicable(errors, therapy, "regimen", therapy.Regimen is not null);
                NotApplicable(errors, therapy, "cycles", therapy.Cycles is not null);
                NotApplicable(errors, therapy, "cycleIntervalDays", therapy.CycleIntervalDays is not null);
                break;
            default:
                errors.Add(new("kind", "must be radiotherapy, chemotherapy or surgery"));
                break;
        }

        return errors;
    }

    private static bool IsCode(string? code) => TwinIds.IsValid(code);

    private static void CheckDate(List<ValidationError> errors, string field, DateOnly date, TwinProfile profile, DateOnly latest, bool futureAllowed)
    {
        if (date > latest)
        {
            errors.Add(new(field, futureAllowed ? "is too far in the future" : "is in the future"));
        }

        if (profile.DiagnosisDate is { } diagnosed && date < diagnosed)
        {
            errors.Add(new(field, $"is before the diagnosis date {diagnosed:yyyy-MM-dd}"));
        }

        if (date.Year < 1900)
        {
            errors.Add(new(field, "is not a plausible date"));
        }
    }

    private static void CheckFraction(List<ValidationError> errors, string field, double? value)
    {
        if (value is { } f && (!double.IsFinite(f) || f < 0 || f > 1))
        {
            errors.Add(new(field, "must be a fraction between 0 and 1"));
        }
    }

    private static void CheckVocabulary(List<ValidationError> errors, string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add(new(field, $"must be one of: {string.Join(", ", allowed)}"));
        }
    }

    private static void NotFor(List<ValidationError> errors, string field, bool present, string diagnosis)
    {
        if (present)
        {
            errors.Add(new(field, $"does not apply to {diagnosis}"));
        }
    }

    private static void Require<T>(List<ValidationError> errors, string field, T? value, Func<T, bool> valid, string reason)
        where T : struct
    {
        if (value is not { } v)
        {
            errors.Add(new(field, "is required for this kind of therapy"));
        }
        else if (!valid(v))
        {
            errors.Add(new(field, reason));
        }
    }

    private static void NotApplicable(List<ValidationError> errors, TherapyRecord therapy, string field, bool present)
    {
        if (present)
        {
            errors.Add(new(field, $"does not apply to {TwinVocabulary.ToWire(therapy.Kind)}"));
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
