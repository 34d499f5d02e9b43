namespace Primage.Kernels.Therapy;

/// <summary>
/// The days on which a radiotherapy course gives its fractions. Rule: walk the days StartDay,
/// StartDay + 1, ...; the weekday of StartDay + j is (StartWeekday + j) mod 7 (0 = Monday); a day is a
/// treatment day when that weekday is below FractionsPerWeek (so 5/week is Monday to Friday and a course
/// starting on a Wednesday is treated Wed, Thu, Fri, then Mon...); one fraction per treatment day until
/// all are given. Twice-daily (hyperfractionated) schedules are not represented.
/// </summary>
public static class FractionSchedule
{
    /// <summary>The fraction days of <paramref name="course"/>, ascending.</summary>
    public static double[] Days(RadiotherapyCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        Validate(course);
        var days = new double[course.Fractions];
        var given = 0;
        for (var j = 0; given < course.Fractions; j++)
        {
            var weekday = (course.StartWeekday + j) % 7;
            if (weekday < course.FractionsPerWeek)
            {
                days[given++] = course.StartDay + j;
            }
        }

        return days;
    }

    internal static void Validate(RadiotherapyCourse course)
    {
        if (!double.IsFinite(course.StartDay))
        {
            throw new ArgumentException("Radiotherapy StartDay must be finite.", nameof(course));
        }

        if (!(course.DosePerFractionGy >= 0.0) || !double.IsFinite(course.DosePerFractionGy))
        {
            throw new ArgumentException("Radiotherapy DosePerFractionGy must be a finite dose >= 0.", nameof(course));
        }

        if (course.Fractions < 0)
        {
            throw new ArgumentException("Radiotherapy Fractions must be >= 0.", nameof(course));
        }

        if (course.FractionsPerWeek is < 1 or > 7)
        {
            throw new ArgumentException("Radiotherapy FractionsPerWeek must be 1..7.", nameof(course));
        }

        if (course.StartWeekday is < 0 or > 6)
        {
            throw new ArgumentException("Radiotherapy StartWeekday must be 0 (Monday) .. 6 (Sunday).", nameof(course));
        }
    }
}
