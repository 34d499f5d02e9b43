namespace Primage.Kernels.Macro;

/// <summary>
/// Cycle-based chemotherapy: cycle c (0-based) starts at StartDay + c CycleIntervalDays and adds
/// ExposurePerCycle to the exposure E, which decays at DecayPerDay: E(t) = sum_c e exp(-lambda (t - t_c))
/// over started cycles. The kill rate is KillPerDayPerExposure * E(t).
/// </summary>
public sealed record Pi3dChemoCourse(double StartDay, int Cycles, double CycleIntervalDays, double ExposurePerCycle, double DecayPerDay, double KillPerDayPerExposure)
{
    /// <summary>Kill rate (1/day) at <paramref name="day"/>, counting a cycle that starts exactly then.</summary>
    public double KillRate(double day)
    {
        var exposure = 0.0;
        for (var c = 0; c < Cycles; c++)
        {
            var start = StartDay + (c * CycleIntervalDays);
            if (start > day)
            {
                break;
            }

            exposure += ExposurePerCycle * Math.Exp(-DecayPerDay * (day - start));
        }

        return KillPerDayPerExposure * exposure;
    }

    /// <summary>
    /// The integral of the kill rate over [t0, t1] when no cycle starts strictly inside it:
    /// sum_c k e (e^{-lambda (t0 - t_c)} - e^{-lambda (t1 - t_c)}) / lambda over cycles with t_c &lt;= t0.
    /// </summary>
    public double KillIntegral(double t0, double t1)
    {
        var integral = 0.0;
        for (var c = 0; c < Cycles; c++)
        {
            var start = StartDay + (c * CycleIntervalDays);
            if (start > t0)
            {
                break;
            }

            integral += DecayPerDay > 0
                ? ExposurePerCycle * (Math.Exp(-DecayPerDay * (t0 - start)) - Math.Exp(-DecayPerDay * (t1 - start))) / DecayPerDay
                : ExposurePerCycle * (t1 - t0);
        }

        return KillPerDayPerExposure * integral;
    }

    /// <summary>An upper bound on the kill rate over the course (at a cycle start, exposure is highest).</summary>
    public double MaxKillRate()
    {
        var max = 0.0;
        for (var c = 0; c < Cycles; c++)
        {
            max = Math.Max(max, KillRate(StartDay + (c * CycleIntervalDays)));
        }

        return max;
    }
}
