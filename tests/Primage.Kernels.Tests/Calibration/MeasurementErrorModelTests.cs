using Primage.Kernels.Calibration;

namespace Primage.Kernels.Tests.Calibration;

public sealed class MeasurementErrorModelTests
{
    [Theory]
    [InlineData(0.15, 1.0, 120.0, 100.0)]
    [InlineData(0.15, 1.0, 80.0, 100.0)]
    [InlineData(0.717, 0.72, 35.0, 41.5)]
    [InlineData(0.21, 0.84, 1.2, 0.9)]
    [InlineData(2.5, 0.3, 1e-3, 2e-3)]
    public void LogLikelihoodIsTheNormalDensityWithSdSigmaTimesVToTheAlpha(double sigma, double alpha, double observed, double predicted)
    {
        var model = new MeasurementErrorModel(sigma, alpha);
        var sd = sigma * Math.Pow(predicted, alpha);
        var expected = -0.5 * Math.Pow((observed - predicted) / sd, 2) - Math.Log(sd) - 0.5 * Math.Log(2 * Math.PI);
        Assert.Equal(expected, model.LogLikelihood(observed, predicted), Math.Abs(expected) * 1e-13 + 1e-13);
    }

    [Fact]
    public void CopiesWithAnotherSigmaUseTheirOwnSigma()
    {
        // The cached ln sigma must follow a copy made with `with` (Rescaled) or an initialiser.
        var mm3 = new MeasurementErrorModel(0.21, 0.84);
        var ml = mm3.Rescaled(1e-3);
        var fresh = new MeasurementErrorModel(ml.Sigma, ml.Alpha);
        Assert.Equal(fresh.LogLikelihood(0.05, 0.04), ml.LogLikelihood(0.05, 0.04));
        Assert.Equal(fresh, ml);
        Assert.NotEqual(mm3.LogLikelihood(0.05, 0.04), ml.LogLikelihood(0.05, 0.04));
        var withSigma = mm3 with { Sigma = 0.5 };
        Assert.Equal(new MeasurementErrorModel(0.5, 0.84).LogLikelihood(10, 12), withSigma.LogLikelihood(10, 12));
    }

    [Fact]
    public void SeriesLogLikelihoodIsTheSumOverTheObservedValues()
    {
        var model = new MeasurementErrorModel(0.21, 0.84);
        double[] observed = [1.2, 3.4, 7.9];
        double[] predicted = [1.0, 3.9, 7.1, 99.0];

        // Hand-summed normal log-densities, with sd = sigma V^alpha; the 4th prediction is ignored.
        var expected = 0.0;
        for (var j = 0; j < 3; j++)
        {
            var sd = 0.21 * Math.Pow(predicted[j], 0.84);
            expected += -0.5 * Math.Pow((observed[j] - predicted[j]) / sd, 2) - Math.Log(sd) - 0.5 * Math.Log(2 * Math.PI);
        }

        Assert.Equal(expected, model.LogLikelihood(observed, predicted), 1e-12);
        Assert.Equal(0.0, model.LogLikelihood([], predicted));
        Assert.Equal(double.NegativeInfinity, model.LogLikelihood(observed, [1.0, 0.0, 7.1]));
        Assert.Throws<ArgumentException>(() => model.LogLikelihood(observed, [1.0, 3.9]));
    }

    [Fact]
    public void ImpossiblePredictionsHaveZeroLikelihood()
    {
        var model = MeasurementErrorModel.ClinicalDefault;
        Assert.Equal(double.NegativeInfinity, model.LogLikelihood(1, 0));
        Assert.Equal(double.NegativeInfinity, model.LogLikelihood(1, -1));
        Assert.Equal(double.NegativeInfinity, model.LogLikelihood(1, double.NaN));
        Assert.Equal(double.NegativeInfinity, model.LogLikelihood(1, double.PositiveInfinity));
    }
}
