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

/// <summary>External-beam radiotherapy: fractions given on weekdays from <see cref="StartDay"/>.</summary>
public sealed record RadiotherapyCourse(double StartDay, double DosePerFractionGy, int Fractions, int FractionsPerWeek);

/// <summary>Cycle-based chemotherapy from the regimen catalogue.</summary>
public sealed record ChemotherapyCourse(string Regimen, double StartDay, int Cycles, double CycleIntervalDays);

/// <summary>Surgery: an instantaneous resection of <see cref="ResectedFraction"/> of the tumour.</summary>
public sealed record SurgeryEvent(double Day, double ResectedFraction);
