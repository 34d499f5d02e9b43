namespace Primage.Kernels.Therapy;

/// <summary>
/// A therapy plan on the kernel's time axis (days from the simulation origin, t = 0).
/// The grain layer converts calendar dates to days; kernels never see dates.
/// </summary>
public sealed record TherapyPlan(
    IReadOnlyList<RadiotherapyCourse> Radiotherapy,
    IReadOnlyList<ChemotherapyCourse> Chemotherapy,
    IReadOnlyList<SurgeryEvent> Surgeries)
{
    public static TherapyPlan None { get; } = new([], [], []);
}

/// <summary>
/// External-beam radiotherapy: <see cref="Fractions"/> fractions of <see cref="DosePerFractionGy"/>, one a
/// day on treatment days only, from <see cref="StartDay"/> on. The kernel has no calendar, so
/// <see cref="StartWeekday"/> says which weekday StartDay is (0 = Monday ... 6 = Sunday; default Monday).
/// Treatment days are the first <see cref="FractionsPerWeek"/> weekdays counted from Monday (5 = Monday
/// to Friday, weekends skipped; 7 = every day). A course whose StartDay is not a treatment day begins on
/// the next one. See <see cref="FractionSchedule"/>.
/// </summary>
public sealed record RadiotherapyCourse(
    double StartDay, double DosePerFractionGy, int Fractions, int FractionsPerWeek, int StartWeekday = 0);

/// <summary>Cycle-based chemotherapy from the regimen catalogue.</summary>
public sealed record ChemotherapyCourse(string Regimen, double StartDay, int Cycles, double CycleIntervalDays);

/// <summary>Surgery: an instantaneous resection of <see cref="ResectedFraction"/> of the tumour.</summary>
public sealed record SurgeryEvent(double Day, double ResectedFraction);
