using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>Chemotherapy regimens expressed as micro-model windows on the run's absolute clock.</summary>
public static class ChemoSchedules
{
    /// <summary>
    /// Rapid COJEC: 8 courses given every 10 days. Each course is a 48-h window (the infusions last one to
    /// two days; ours). Inhibition probabilities are ours and illustrative: the DNA-damaging agents switch off
    /// CHK1, JAB1, MYCN and TEP1 with probability 0.6 and HIF with 0.3 per hour, and leave p53 on so damage
    /// can still trigger apoptosis.
    /// </summary>
    public static IReadOnlyList<ChemoWindow> RapidCojec(double startHour = 0, double courseHours = 48)
    {
        var windows = new ChemoWindow[8];
        for (var c = 0; c < windows.Length; c++)
        {
            var start = startHour + c * 240.0;
            windows[c] = new ChemoWindow(start, start + courseHours, Chk1: 0.6, Jab1: 0.6, Hif: 0.3, Mycn: 0.6, Tep1: 0.6, P53: 0);
        }

        return windows;
    }
}
