namespace Primage.Kernels.Macro;

/// <summary>A radiotherapy course; fraction days follow <see cref="FractionSchedule"/>.</summary>
public sealed record Pi3dRadiotherapyCourse(double StartDay, int StartWeekday, double DosePerFractionGy, int Fractions, int FractionsPerWeek)
{
    public double[] FractionDays() => FractionSchedule.Days(StartDay, StartWeekday, Fractions, FractionsPerWeek);
}
