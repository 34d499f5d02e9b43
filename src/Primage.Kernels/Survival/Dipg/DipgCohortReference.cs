namespace Primage.Kernels.Survival.Dipg;

/// <summary>
/// Observed overall survival of a DIPG cohort (Kaplan-Meier with log-log Greenwood intervals), stored by
/// tools/Primage.Endpoints dipg; the same for every patient (not individualised).
/// </summary>
/// <param name="Source">Cohort and provenance.</param>
/// <param name="Patients">Patients in the cohort.</param>
/// <param name="Deaths">Deaths observed.</param>
/// <param name="MedianMonths">Kaplan-Meier median overall survival, months.</param>
/// <param name="Curve">S(t) with interval on a grid of years.</param>
public sealed record DipgCohortReference(string Source, int Patients, int Deaths, double? MedianMonths, IReadOnlyList<SurvivalPoint> Curve);
