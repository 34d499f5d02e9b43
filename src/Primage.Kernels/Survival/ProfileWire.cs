using Primage.Kernels.Survival.Inrg;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Kernels.Survival;

/// <summary>
/// Maps the twin profile's lower-case wire values to the end-point inputs. Unknown or unmappable values give null,
/// which the classifiers and predictors treat as a missing input; the reason is returned for the notes.
/// </summary>
/// <remarks>
/// Histology (TwinVocabulary.Histologies): "neuroblastoma", "ganglioneuroblastoma-intermixed",
/// "ganglioneuroblastoma-nodular" and "ganglioneuroma-maturing" map one to one; "ganglioneuroblastoma" without a
/// subtype and "ganglioneuroma" without maturity are unknown for the INRG table (it separates intermixed from
/// nodular and maturing from mature); "ganglioneuroma-mature" has no INRG row.
/// </remarks>
public static class ProfileWire
{
    /// <summary>INRG histologic category from markers.histology or histologicCategory.</summary>
    public static (InrgHistology? Value, string? Note) Histology(string? wire) => wire switch
    {
        null => (null, null),
        "neuroblastoma" => (InrgHistology.Neuroblastoma, null),
        "ganglioneuroblastoma-intermixed" => (InrgHistology.GanglioneuroblastomaIntermixed, null),
        "ganglioneuroblastoma-nodular" => (InrgHistology.GanglioneuroblastomaNodular, null),
        "ganglioneuroma-maturing" => (InrgHistology.GanglioneuromaMaturing, null),
        "ganglioneuroblastoma" => (null, "Ganglioneuroblastoma without subtype: intermixed or nodular both considered."),
        "ganglioneuroma" => (null, "Ganglioneuroma without maturity: treated as unknown histology."),
        "ganglioneuroma-mature" => (null, "Mature ganglioneuroma has no row in the INRG table: treated as unknown histology."),
        _ => (null, $"Unknown histology '{wire}'."),
    };

    /// <summary>Grade of differentiation from markers.grade.</summary>
    public static InrgGrade? Grade(string? wire) => wire switch
    {
        "differentiating" => InrgGrade.Differentiating,
        "poorly-differentiated" => InrgGrade.PoorlyDifferentiated,
        "undifferentiated" => InrgGrade.Undifferentiated,
        _ => null,
    };

    /// <summary>INRGSS stage from inrgssStage ("l1", "l2", "m", "ms").</summary>
    public static InrgssStage? InrgssStage(string? wire) => wire?.ToLowerInvariant() switch
    {
        "l1" => Inrg.InrgssStage.L1,
        "l2" => Inrg.InrgssStage.L2,
        "m" => Inrg.InrgssStage.M,
        "ms" => Inrg.InrgssStage.MS,
        _ => null,
    };

    /// <summary>Ploidy from ploidy ("hyperdiploid", "diploid"; "hypodiploid" counts as diploid, DNA index 1 or below).</summary>
    public static Ploidy? Ploidy(string? wire) => wire switch
    {
        "hyperdiploid" => Inrg.Ploidy.Hyperdiploid,
        "diploid" or "hypodiploid" => Inrg.Ploidy.Diploid,
        _ => null,
    };

    /// <summary>INSS stage from inssStage ("1", "2", "2a", "2b", "3", "4", "4s").</summary>
    public static InssStage? InssStage(string? wire) => wire?.ToLowerInvariant() switch
    {
        "1" => Neuroblastoma.InssStage.Stage1,
        "2" or "2a" or "2b" => Neuroblastoma.InssStage.Stage2,
        "3" => Neuroblastoma.InssStage.Stage3,
        "4" => Neuroblastoma.InssStage.Stage4,
        "4s" => Neuroblastoma.InssStage.Stage4S,
        _ => null,
    };

    /// <summary>Male indicator from sex ("male", "female"; "other" and "unknown" give null).</summary>
    public static bool? Male(string? wire) => wire switch
    {
        "male" => true,
        "female" => false,
        _ => null,
    };
}
