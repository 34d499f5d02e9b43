namespace Primage.Kernels.Micro;

/// <summary>
/// A chemotherapy window [StartHour, EndHour) on the micro run's clock (hour 0 is the start of the
/// coupling window), with the probability that each target species is switched off in a cell in any
/// hour of the window. While a window is active, cells in S phase also take DNA damage with
/// <see cref="MicroParameters.ChemoSPhaseDamage"/> per hour.
/// </summary>
public sealed record ChemoWindow(
    double StartHour,
    double EndHour,
    double Chk1 = 0,
    double Jab1 = 0,
    double Hif = 0,
    double Mycn = 0,
    double Tep1 = 0,
    double P53 = 0)
{
    public bool IsActiveAt(double hour) => hour >= StartHour && hour < EndHour;
}
