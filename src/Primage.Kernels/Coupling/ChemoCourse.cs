namespace Primage.Kernels.Coupling;

/// <summary>
/// One chemotherapy plan of a patient on the run's clock: a regimen of the kernel's catalogue, the hour its
/// first course starts (negative when it started before the run), the number of courses and the days between
/// course starts.
/// </summary>
public sealed record ChemoCourse(string Regimen, double StartHour, int Cycles, double IntervalDays);
