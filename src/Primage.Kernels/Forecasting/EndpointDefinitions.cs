namespace Primage.Kernels.Forecasting;

/// <summary>
/// Volumetric endpoints, evaluated on each posterior particle's noise-free course on a daily grid.
/// Response by day D: V(t) &lt;= (1 - 0.65) V(0) for some t &lt;= D (at least 65% volume reduction from
/// the baseline, the volume at day 0; about 30% in diameter, RECIST partial response).
/// Progression by day D: V(t) &gt;= 1.73 min_{s &lt;= t} V(s) for some t &lt;= D (at least 73% growth over
/// the nadir so far, about 20% in diameter, RECIST progression). Time to progression: the first
/// such day; "none within horizon" when it does not happen by the forecast's end day.
/// </summary>
public static class EndpointDefinitions
{
    /// <summary>Volume reduction from baseline that counts as response.</summary>
    public const double ResponseReduction = 0.65;

    /// <summary>Volume growth over the nadir that counts as progression.</summary>
    public const double ProgressionGrowth = 0.73;

    /// <summary>First grid index at which the course responds, or -1.</summary>
    public static int FirstResponse(ReadOnlySpan<double> dailyVolumes)
    {
        var threshold = (1 - ResponseReduction) * dailyVolumes[0];
        for (var t = 0; t < dailyVolumes.Length; t++)
        {
            if (dailyVolumes[t] <= threshold)
            {
                return t;
            }
        }

        return -1;
    }

    /// <summary>First grid index at which the course progresses over its nadir, or -1.</summary>
    public static int FirstProgression(ReadOnlySpan<double> dailyVolumes)
    {
        var nadir = dailyVolumes[0];
        for (var t = 0; t < dailyVolumes.Length; t++)
        {
            nadir = Math.Min(nadir, dailyVolumes[t]);
            if (dailyVolumes[t] >= (1 + ProgressionGrowth) * nadir)
            {
                return t;
            }
        }

        return -1;
    }
}
