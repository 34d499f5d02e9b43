using Primage.Kernels.Micro;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Coupling;

/// <summary>Chemotherapy regimens expressed as micro-model windows on the run's absolute clock.</summary>
public static class ChemoSchedules
{
    /// <summary>Hours of one course's window (the infusions last one to two days; ours).</summary>
    public const double CourseHours = 48;

    /// <summary>
    /// Rapid COJEC: 8 courses given every 10 days. Each course is a 48-h window (the infusions last one to
    /// two days; ours). Inhibition probabilities are ours and illustrative: the DNA-damaging agents switch off
    /// CHK1, JAB1, MYCN and TEP1 with probability 0.6 and HIF with 0.3 per hour, and leave p53 on so damage
    /// can still trigger apoptosis.
    /// </summary>
    public static IReadOnlyList<ChemoWindow> RapidCojec(double startHour = 0, double courseHours = CourseHours)
        => Courses(startHour, 8, 240.0, courseHours, 1.0);

    /// <summary>
    /// <paramref name="courses"/> course windows every <paramref name="intervalHours"/> from
    /// <paramref name="startHour"/>, each with the COJEC inhibitions times <paramref name="strength"/>
    /// (each capped at 1).
    /// </summary>
    public static IReadOnlyList<ChemoWindow> Courses(double startHour, int courses, double intervalHours, double courseHours, double strength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(courses);
        var windows = new ChemoWindow[courses];
        for (var c = 0; c < windows.Length; c++)
        {
            var start = startHour + c * intervalHours;
            windows[c] = new ChemoWindow(
                start, start + courseHours,
                Chk1: Math.Min(1, 0.6 * strength), Jab1: Math.Min(1, 0.6 * strength), Hif: Math.Min(1, 0.3 * strength),
                Mycn: Math.Min(1, 0.6 * strength), Tep1: Math.Min(1, 0.6 * strength), P53: 0);
        }

        return windows;
    }

    /// <summary>
    /// The windows of a regimen from the kernel's catalogue (<see cref="RegimenCatalogue"/>) given as
    /// <paramref name="cycles"/> courses every <paramref name="intervalDays"/> from <paramref name="startHour"/>.
    /// Rapid COJEC and COJEC are the same drugs and per-course doses, so they take the COJEC inhibitions as
    /// they are; any other regimen takes them scaled by its per-course log-kill relative to rapid COJEC
    /// (k/lambda, the catalogue's measure of a course's strength; ours), each capped at 1. Unknown names
    /// throw <see cref="ArgumentException"/>.
    /// </summary>
    public static IReadOnlyList<ChemoWindow> ForRegimen(string regimen, double startHour, int cycles, double intervalDays)
    {
        var r = RegimenCatalogue.Get(regimen);
        var reference = RegimenCatalogue.Get("rapid-cojec");
        var strength = r.Name is "rapid-cojec" or "cojec" ? 1.0 : r.LogKillPerCycle / reference.LogKillPerCycle;
        return Courses(startHour, cycles, intervalDays * 24.0, CourseHours, strength);
    }
}
