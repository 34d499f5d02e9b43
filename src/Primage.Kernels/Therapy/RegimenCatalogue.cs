namespace Primage.Kernels.Therapy;

/// <summary>
/// The chemotherapy regimens the kernel knows, with assumed (k, lambda). These are modelling
/// assumptions, set to orders of magnitude rather than fitted: the patient-specific ChemoSensitivity
/// (calibrated) scales every k, so only the relative strength of regimens and their exposure time
/// scale matter for a fit.
///
/// Common choices: lambda = 0.35/day (exposure half-life about 2 days: drugs given over 1-3 days,
/// cytotoxic effect lasting a few days). The reference is rapid COJEC with k/lambda = 0.43 per course
/// (35% of the tumour per course without regrowth; 8 courses remove ln-volume 3.4, a factor 30). Against
/// neuroblastoma-like net regrowth of 0.02-0.05/day over the 70-day induction (ln-gain 1.4-3.5) this
/// gives anything from about 80% shrinkage to stable disease, consistent with a metastatic complete
/// response in only 32% after rapid COJEC (HR-NBL1.5, Garaventa 2021) and partial responses being the norm.
/// </summary>
public static class RegimenCatalogue
{
    private static readonly ChemotherapyRegimen[] _all =
    [
        new("rapid-cojec", 0.15, 0.35, 8, 10.0,
            "Neuroblastoma high-risk induction: cisplatin, vincristine, carboplatin, etoposide, cyclophosphamide; "
            + "8 courses every 10 days. k/lambda = 0.43 per course (35% kill per course without regrowth), "
            + "lambda = 0.35/day (2-day exposure half-life). Reference regimen; see the class remarks."),
        new("cojec", 0.15, 0.35, 8, 21.0,
            "Standard COJEC: the same drugs and per-course doses as rapid COJEC given every 21 days, "
            + "so the same per-course kill; only the schedule differs."),
        new("vincristine-carboplatin", 0.07, 0.35, 6, 21.0,
            "Two-drug regimen (intermediate-risk neuroblastoma, low-grade glioma): about half the per-course "
            + "kill of COJEC, k/lambda = 0.2 (18% per course)."),
        new("temozolomide", 0.02, 0.2, 6, 28.0,
            "Oral temozolomide, 5 days every 28 days (DIPG, relapsed neuroblastoma): little single-agent "
            + "activity in DIPG, k/lambda = 0.1 per cycle; lambda = 0.2/day stands for the 5-day dosing window."),
        new("busulfan-melphalan", 0.6, 0.4, 1, 0.0,
            "Myeloablative consolidation with stem-cell rescue, one course: the heaviest single kill, "
            + "k/lambda = 1.5 (78% of the tumour without regrowth), lambda = 0.4/day."),
    ];

    /// <summary>Every regimen, by name.</summary>
    public static IReadOnlyList<ChemotherapyRegimen> All => _all;

    /// <summary>The regimen with that name; unknown names throw <see cref="ArgumentException"/> naming the regimen.</summary>
    public static ChemotherapyRegimen Get(string name)
    {
        if (TryGet(name, out var regimen))
        {
            return regimen;
        }

        throw new ArgumentException(
            $"Unknown chemotherapy regimen '{name}'; known regimens: {string.Join(", ", _all.Select(r => r.Name))}.",
            nameof(name));
    }

    /// <summary>Looks a regimen up without throwing.</summary>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ChemotherapyRegimen? regimen)
    {
        foreach (var candidate in _all)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                regimen = candidate;
                return true;
            }
        }

        regimen = null;
        return false;
    }
}
