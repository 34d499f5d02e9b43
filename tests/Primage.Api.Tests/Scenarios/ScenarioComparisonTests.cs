using Primage.Api.Scenarios;
using Primage.Grains.Predictions;

namespace Primage.Api.Tests.Scenarios;

public sealed class ScenarioComparisonTests
{
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    [Fact]
    public void Identical_forecasts_give_one_half()
    {
        var p = new TrajectoryPoint(Day0, 1, 2, 3, 4, 5);
        Assert.Equal(0.5, ScenarioComparison.ProbabilityALower(p, p));
    }

    [Fact]
    public void A_forecast_lower_at_every_level_is_lower_with_probability_one()
    {
        var a = new TrajectoryPoint(Day0, 1, 2, 3, 4, 5);
        var b = new TrajectoryPoint(Day0, 1.5, 2.5, 3.5, 4.5, 5.5);
        Assert.Equal(1.0, ScenarioComparison.ProbabilityALower(a, b));
        Assert.Equal(0.0, ScenarioComparison.ProbabilityALower(b, a));
    }

    [Fact]
    public void Crossing_quantile_functions_split_the_probability_where_they_cross()
    {
        // A is narrower than B around the same median: A < B below the median level, A > B above it.
        var a = new TrajectoryPoint(Day0, 2, 2.5, 3, 3.5, 4);
        var b = new TrajectoryPoint(Day0, 1, 2, 3, 4, 5);
        Assert.Equal(0.5, ScenarioComparison.ProbabilityALower(a, b), 3);
    }

    [Fact]
    public void Quantiles_are_interpolated_linearly_between_trajectory_dates()
    {
        var trajectory = new[]
        {
            new TrajectoryPoint(Day0, 10, 10, 10, 10, 10),
            new TrajectoryPoint(Day0.AddDays(10), 20, 30, 40, 50, 60),
        };

        var mid = ScenarioComparison.At(trajectory, Day0.AddDays(5))!;
        Assert.Equal(25.0, mid.Q50);
        Assert.Null(ScenarioComparison.At(trajectory, Day0.AddDays(11)));
    }

    [Fact]
    public void Paired_identical_draws_give_exactly_one_half_no_difference_and_a_ratio_of_one()
    {
        double[] draws = [3.5, 0.2, 12.0, 7.25, 1e-3];
        var paired = ScenarioComparison.Pair(draws, draws)!;
        Assert.Equal(0.5, paired.ProbabilityALower);
        Assert.Equal(new DrawIntervalDto(0, 0, 0), paired.DifferenceMl);
        Assert.Equal(new DrawIntervalDto(1, 1, 1), paired.Ratio);
    }

    [Fact]
    public void Paired_probability_counts_the_draws_where_a_is_lower_with_ties_half()
    {
        // Lower, tie, higher, lower: (1 + 0.5 + 0 + 1) / 4; differences -1, 0, 2, -1; the type-7 median of
        // the sorted differences (-1, -1, 0, 2) is -0.5, of the ratios (0.5, 0.8, 1, 3) 0.9.
        var paired = ScenarioComparison.Pair([1, 2, 3, 4], [2, 2, 1, 5])!;
        Assert.Equal(0.625, paired.ProbabilityALower);
        Assert.Equal(-0.5, paired.DifferenceMl.Q50, 12);
        Assert.Equal(0.9, paired.Ratio!.Q50, 12);

        // Draws that are not finite are left out of every statistic.
        Assert.Equal(1.0, ScenarioComparison.Pair([1, double.NaN], [2, 1])!.ProbabilityALower);
        Assert.Null(ScenarioComparison.Pair([double.NaN], [1]));
    }

    [Fact]
    public void Each_draw_is_interpolated_linearly_between_output_dates()
    {
        // Two draws on two dates, date-major: draw 0 goes 10 -> 20, draw 1 goes 40 -> 0.
        var draws = Draws([Day0, Day0.AddDays(10)], [10f, 40f, 20f, 0f]);
        Assert.Equal([15.0, 20.0], ScenarioComparison.DrawsAt(draws, Day0.AddDays(5))!);
        Assert.Equal([20.0, 0.0], ScenarioComparison.DrawsAt(draws, Day0.AddDays(10))!);
        Assert.Null(ScenarioComparison.DrawsAt(draws, Day0.AddDays(-1)));
        Assert.Null(ScenarioComparison.DrawsAt(draws, Day0.AddDays(11)));
    }

    [Fact]
    public void Draws_pair_only_with_the_same_count_and_dates()
    {
        var a = Draws([Day0, Day0.AddDays(7)], [1f, 2f, 3f, 4f]);
        Assert.True(ScenarioComparison.CanPair(a, Draws([Day0, Day0.AddDays(7)], [5f, 6f, 7f, 8f])));
        Assert.False(ScenarioComparison.CanPair(a, Draws([Day0, Day0.AddDays(14)], [5f, 6f, 7f, 8f])));
        Assert.False(ScenarioComparison.CanPair(a, null));
    }

    private static PairedDraws Draws(DateOnly[] dates, float[] volumes)
    {
        var count = volumes.Length / dates.Length;
        return new PairedDraws(count, dates, volumes, dates[0], new float[count], new DateOnly[count], new float[count], null, "posterior");
    }
}
