using Primage.Kernels.Calibration;
using Primage.Kernels.Forecasting;
using Primage.Kernels.Tests.Calibration;

namespace Primage.Kernels.Tests.Forecasting;

public sealed class ForecasterTests
{
    [Fact]
    public void QuantilesOfAKnownCourseAreTheMeasurementDistributionAroundIt()
    {
        // A prior so narrow the course is known (V = 10 e^(0.02 t)): the predictive of a measurement
        // is then N(V, (0.1 V)^2), so q05/q95 = V (1 -/+ 0.1645), q25/q75 = V (1 -/+ 0.0674).
        var model = ClosedFormModel.Exponential;
        var prior = LogNormalPrior.Independent(model.Parameters, [10, 0.02], [1e-6, 1e-6]);
        var posterior = EnsemblePosterior.FromPriors([new CandidateModel(model, prior)], new(0.1, 1.0), "fp", 2000, seed: 1);
        var days = new[] { 0.0, 30, 100 };
        var f = Forecaster.Forecast(posterior, new ForecastRequest(days, 100, 30), seed: 3);
        for (var i = 0; i < days.Length; i++)
        {
            var v = 10 * Math.Exp(0.02 * days[i]);

            // 8,000 noise draws: the standard error of q05 is about 0.005 V, of q50 0.0014 V; 0.015 V is three of the largest.
            Assert.Equal(v * (1 - 0.1645), f.Q05[i], v * 0.015);
            Assert.Equal(v * (1 - 0.0674), f.Q25[i], v * 0.015);
            Assert.Equal(v, f.Q50[i], v * 0.015);
            Assert.Equal(v * (1 + 0.0674), f.Q75[i], v * 0.015);
            Assert.Equal(v * (1 + 0.1645), f.Q95[i], v * 0.015);

            // c = 1 / (1 + 0.0674) for a 10% coefficient of variation.
            Assert.Equal(1 / 1.0674, f.Confidence[i], 0.01);
        }

        // Growth of 2% a day reaches 73% over the nadir (day 0) at ln(1.73)/0.02 = 27.4 days: day 28 on the daily grid.
        Assert.All(f.TimeToProgressionQuantiles, q => Assert.Equal(28.0, q!.Value, 1e-9));
        Assert.Equal(0.0, f.ProbabilityOfResponseBy[^1]);
        Assert.Equal(0.0, f.ProbabilityOfProgressionBy[0]);
        Assert.Equal(1.0, f.ProbabilityOfProgressionBy[1], 1e-12);
        Assert.Equal(0.0, f.ProbabilityNoProgressionWithinHorizon);
    }

    [Fact]
    public void EndpointProbabilitiesAreTheWeightedFractionsOfCoursesMeetingTheDefinitions()
    {
        // Two equally likely models: one shrinks (V = 10 e^(-0.05 t), responds when e^(-0.05 t) <= 0.35,
        // t >= 21.0 -> day 21 on the grid), one grows (progresses at day 28, as above).
        var shrink = new ClosedFormModel("shrink", [new("v0", "mL", 1e-3, 1e4), new("k", "1/day", 1e-4, 1)], (p, t) => p[0] * Math.Exp(-p[1] * t));
        var grow = ClosedFormModel.Exponential;
        var candidates = new[]
        {
            new CandidateModel(shrink, LogNormalPrior.Independent(shrink.Parameters, [10, 0.05], [1e-9, 1e-9])),
            new CandidateModel(grow, LogNormalPrior.Independent(grow.Parameters, [10, 0.02], [1e-9, 1e-9])),
        };
        var posterior = EnsemblePosterior.FromPriors(candidates, new(0.1, 1.0), "fp", 100, seed: 1);
        var f = Forecaster.Forecast(posterior, new ForecastRequest([20, 21, 27, 28, 60], 60, 60), seed: 1);
        Assert.Equal([0.0, 0.5, 0.5, 0.5, 0.5], f.ProbabilityOfResponseBy.Select(x => Math.Round(x, 9)));
        Assert.Equal([0.0, 0.0, 0.0, 0.5, 0.5], f.ProbabilityOfProgressionBy.Select(x => Math.Round(x, 9)));
        Assert.Equal(0.5, f.ProbabilityNoProgressionWithinHorizon, 1e-9);
        Assert.Null(f.TimeToProgressionQuantiles[4]);
    }

    [Theory]
    [InlineData(new[] { 10.0, 8, 5, 3.5, 3.4 }, 3)]
    [InlineData(new[] { 10.0, 8, 5, 3.6, 3.51 }, -1)]
    public void ResponseIsTheFirstDayAtOrBelowThirtyFivePercentOfBaseline(double[] course, int expected)
        => Assert.Equal(expected, EndpointDefinitions.FirstResponse(course));

    [Theory]
    [InlineData(new[] { 10.0, 6, 4, 6.9, 6.92 }, 4)]
    [InlineData(new[] { 10.0, 6, 4, 6.9, 6.91 }, -1)]
    [InlineData(new[] { 10.0, 12, 17.3 }, 2)]
    public void ProgressionIsTheFirstDayAtLeastSeventyThreePercentOverTheNadir(double[] course, int expected)
        => Assert.Equal(expected, EndpointDefinitions.FirstProgression(course));
}
