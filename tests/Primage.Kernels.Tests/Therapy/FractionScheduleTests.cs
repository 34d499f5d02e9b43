using Primage.Kernels.Therapy;

namespace Primage.Kernels.Tests.Therapy;

public sealed class FractionScheduleTests
{
    [Fact]
    public void FivePerWeekFromAWednesdayTreatsWedThuFriThenMondays()
    {
        // Day 10 is a Wednesday (weekday 2).
        var days = FractionSchedule.Days(new RadiotherapyCourse(10.0, 1.8, 30, 5, StartWeekday: 2));
        Assert.Equal(30, days.Length);
        Assert.Equal([10, 11, 12, 15, 16, 17, 18, 19, 22, 23], days.Take(10));
        // 3 fractions in the first week, 5 in each of the next 5 weeks (28), then Mon and Tue of week 7.
        Assert.Equal([43, 44, 45, 46, 47, 50, 51], days.Skip(23));
        Assert.All(days, d => Assert.InRange(((int)(d - 10.0) + 2) % 7, 0, 4));
    }

    [Fact]
    public void ThirtyFractionsFromAMondaySpanSixWeeks()
    {
        var days = FractionSchedule.Days(new RadiotherapyCourse(0.0, 1.8, 30, 5));
        Assert.Equal(39.0, days[^1]);
        Assert.Equal(6, days.Select(d => (int)d / 7).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 6).SelectMany(w => Enumerable.Range(7 * w, 5)).Select(d => (double)d), days);
    }

    [Fact]
    public void WeekendStartBeginsOnTheNextMondayAndDailyCoursesSkipNothing()
    {
        var saturday = FractionSchedule.Days(new RadiotherapyCourse(5.0, 2.0, 3, 5, StartWeekday: 5));
        Assert.Equal([7.0, 8.0, 9.0], saturday);
        var daily = FractionSchedule.Days(new RadiotherapyCourse(0.0, 2.0, 10, 7, StartWeekday: 3));
        Assert.Equal(Enumerable.Range(0, 10).Select(d => (double)d), daily);
        var threePerWeek = FractionSchedule.Days(new RadiotherapyCourse(0.0, 2.0, 4, 3, StartWeekday: 2));
        Assert.Equal([0.0, 5.0, 6.0, 7.0], threePerWeek);
    }

    [Theory]
    [InlineData(0, 5, 0)]
    [InlineData(5, 8, 0)]
    [InlineData(5, 5, 7)]
    [InlineData(-1, 5, 0)]
    public void InvalidCoursesAreRejected(int fractions, int perWeek, int weekday)
    {
        if (fractions == 0)
        {
            Assert.Empty(FractionSchedule.Days(new RadiotherapyCourse(0, 2, fractions, perWeek, weekday)));
            return;
        }

        Assert.Throws<ArgumentException>(() => FractionSchedule.Days(new RadiotherapyCourse(0, 2, fractions, perWeek, weekday)));
    }
}
