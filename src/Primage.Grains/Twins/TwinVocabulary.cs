namespace Primage.Grains.Twins;

/// <summary>The lower-case wire vocabularies of the twin's profile fields.</summary>
public static class TwinVocabulary
{
    public static readonly IReadOnlyList<string> Sexes = ["female", "male", "other", "unknown"];

    public static readonly IReadOnlyList<string> AlkStatuses = ["wild-type", "mutated", "amplified"];

    /// <summary>
    /// Histologic categories (International Neuroblastoma Pathology Classification); plain
    /// "ganglioneuroblastoma" is accepted when the subtype is not known.
    /// </summary>
    public static readonly IReadOnlyList<string> Histologies =
    [
        "neuroblastoma",
        "ganglioneuroblastoma",
        "ganglioneuroblastoma-intermixed",
        "ganglioneuroblastoma-nodular",
        "ganglioneuroma",
        "ganglioneuroma-maturing",
        "ganglioneuroma-mature",
    ];

    public static readonly IReadOnlyList<string> Grades = ["undifferentiated", "poorly-differentiated", "differentiating"];

    public static readonly IReadOnlyList<string> H3K27MStatuses = ["mutant", "wild-type"];

    public static readonly IReadOnlyList<string> InrgssStages = ["l1", "l2", "m", "ms"];

    public static readonly IReadOnlyList<string> InssStages = ["1", "2", "2a", "2b", "3", "4", "4s"];

    public static readonly IReadOnlyList<string> Ploidies = ["hyperdiploid", "diploid", "hypodiploid"];

    public static string ToWire(Diagnosis diagnosis) => diagnosis switch
    {
        Diagnosis.Neuroblastoma => "neuroblastoma",
        Diagnosis.Dipg => "dipg",
        _ => throw new ArgumentOutOfRangeException(nameof(diagnosis)),
    };

    public static bool TryParseDiagnosis(string? value, out Diagnosis diagnosis)
    {
        switch (value)
        {
            case "neuroblastoma":
                diagnosis = Diagnosis.Neuroblastoma;
                return true;
            case "dipg":
                diagnosis = Diagnosis.Dipg;
                return true;
            default:
                diagnosis = default;
                return false;
        }
    }

    public static string ToWire(TherapyKind kind) => kind switch
    {
        TherapyKind.Radiotherapy => "radiotherapy",
        TherapyKind.Chemotherapy => "chemotherapy",
        TherapyKind.Surgery => "surgery",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseTherapyKind(string? value, out TherapyKind kind)
    {
        switch (value)
        {
            case "radiotherapy":
                kind = TherapyKind.Radiotherapy;
                return true;
            case "chemotherapy":
                kind = TherapyKind.Chemotherapy;
                return true;
            case "surgery":
                kind = TherapyKind.Surgery;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
