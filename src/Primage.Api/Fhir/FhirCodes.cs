namespace Primage.Api.Fhir;

/// <summary>The code systems, codes and extension URLs FHIR ingestion accepts (docs/fhir.md lists them with examples).</summary>
public static class FhirCodes
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Patient.identifier system whose value is the twin id.</summary>
    public const string TwinIdSystem = "urn:primage:twin";

    /// <summary>Site code: Patient.managingOrganization.identifier or a Patient.meta.tag with this system.</summary>
    public const string SiteSystem = "urn:primage:site";

    /// <summary>Condition.code system with codes "neuroblastoma" and "dipg".</summary>
    public const string DiagnosisSystem = "urn:primage:diagnosis";

    /// <summary>SNOMED CT 432328008 |Neuroblastoma (disorder)|.</summary>
    public const string SnomedNeuroblastoma = "432328008";

    /// <summary>Observation codes of our own for what LOINC has no single code.</summary>
    public const string ObservationSystem = "urn:primage:observation";

    public const string TumourVolume = "tumour-volume";
    public const string AdcMean = "adc-mean";
    public const string Cellularity = "cellularity";

    /// <summary>LOINC 21889-1 Size Tumor (the mCODE TumorSize code), with its dimension components.</summary>
    public const string LoincTumorSize = "21889-1";

    /// <summary>LOINC 33728-7 Size.maximum dimension in Tumor.</summary>
    public const string LoincMaxDimension = "33728-7";

    /// <summary>LOINC 33729-5 Size additional dimension in Tumor (twice: the second and third diameters).</summary>
    public const string LoincAdditionalDimension = "33729-5";

    /// <summary>Procedure.code / medication code system "urn:primage:therapy" with radiotherapy, surgery, chemotherapy.</summary>
    public const string TherapySystem = "urn:primage:therapy";

    /// <summary>SNOMED CT 108290001 |Radiation oncology AND/OR radiotherapy (procedure)|.</summary>
    public const string SnomedRadiotherapy = "108290001";

    /// <summary>SNOMED CT 387713003 |Surgical procedure (procedure)|.</summary>
    public const string SnomedSurgery = "387713003";

    /// <summary>Chemotherapy regimen code system (codes: the regimens the kernels know, e.g. "rapid-cojec").</summary>
    public const string RegimenSystem = "urn:primage:regimen";

    public const string ExtDosePerFraction = "urn:primage:fhir:dose-per-fraction";
    public const string ExtFractions = "urn:primage:fhir:fractions";
    public const string ExtFractionsPerWeek = "urn:primage:fhir:fractions-per-week";
    public const string ExtResectedFraction = "urn:primage:fhir:resected-fraction";
    public const string ExtCycles = "urn:primage:fhir:cycles";
    public const string ExtCycleIntervalDays = "urn:primage:fhir:cycle-interval-days";
}
