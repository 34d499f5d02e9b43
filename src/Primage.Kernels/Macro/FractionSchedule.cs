namespace Primage.Kernels.Macro;

/// <summary>
/// Radiotherapy fraction days. The course starts on <c>startDay</c>, whose weekday is
/// <c>startWeekday</c> (0 = Monday ... 6 = Sunday); a fraction is given on each weekday (Monday to
/// Friday) from then on, at most <c>fractionsPerWeek</c> in a calendar week (the first ones of the
/// week), until <c>fractions</c> have been given. Weekend days are skipped; a start on a weekend
/// begins on the next Monday.
/// </summary>
public static class FractionSchedule
{
    /// <summary>The days (from the simulation origin) on which each fraction is given, ascending.</summary>
    public static double[] Days(double startDay, int startWeekday, int fractions, int fractionsPerWeek)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fractions);
        ArgumentOutOfRangeException.ThrowIfLessThan(fractionsPerWeek, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fractionsPerWeek, 5);
        ArgumentOutOfRangeException.ThrowIfNegative(startWeekday);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startWeekday, 6);

        var days = new double[fractions];
        var given = 0;
        var inWeek = 0;
        for (var offset = 0; given < fractions; offset++)
        {
            var weekday = (startWeekday + offset) % 7;
            if (weekday == 0)
            {
                inWeek = 0;
            }

            if (weekday < 5 && inWeek < fractionsPerWeek)
            {
                days[given++] = startDay + offset;
                inWeek++;
            }
        }

        return days;
    }
}
