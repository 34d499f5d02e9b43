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
}
