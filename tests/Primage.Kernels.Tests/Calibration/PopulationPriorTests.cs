using Primage.Kernels.Calibration;

namespace Primage.Kernels.Tests.Calibration;

public sealed class PopulationPriorTests
{
    [Fact]
    public void LeastSquaresRecoversTheParametersOfNoiseFreeData()
    {
        var model = ClosedFormModel.Gompertz;
        double[] truth = [8, 0.25, 0.06];
        var observations = Enumerable.Range(0, 8).Select(j => new VolumeObservation($"o{j}", 3.0 * j, model.Evaluate(truth, 3.0 * j))).ToArray();
        var fit = PointFit.LeastSquares(model, ClosedFormModel.GompertzPrior, observations, seed: 1);
        for (var k = 0; k < truth.Length; k++)
        {
            Assert.Equal(truth[k], fit[k], truth[k] * 1e-3);
        }
    }

    [Fact]
    public void PopulationPriorHasTheMeanAndCovarianceOfTheSubjectEstimates()
    {
        // Estimates on a line in log space (perfectly correlated) plus the documented ridge.
        var parameters = ClosedFormModel.Exponential.Parameters;
        var estimates = new[] { new[] { 1.0, -3.0 }, [2.0, -2.0], [3.0, -1.0] };
        var prior = PopulationPrior.FromEstimates(parameters, estimates);
        Assert.Equal(2.0, prior.LogMean[0], 1e-12);
        Assert.Equal(-2.0, prior.LogMean[1], 1e-12);

        // Sample covariance [[1, 1], [1, 1]] + 0.01 I: L11 = sqrt(1.01), L21 = 1/sqrt(1.01), L22 = sqrt(1.01 - 1/1.01).
        Assert.Equal(Math.Sqrt(1.01), prior.Cholesky[0], 1e-12);
        Assert.Equal(1 / Math.Sqrt(1.01), prior.Cholesky[2], 1e-12);
        Assert.Equal(Math.Sqrt(1.01 - (1 / 1.01)), prior.Cholesky[3], 1e-12);
    }

    [Fact]
    public void ErrorModelFitRecoversSigmaAndAlphaFromResiduals()
    {
        var random = new CalibrationRandom(3, 0);
        var truth = new MeasurementErrorModel(0.2, 0.8);
        var pairs = Enumerable.Range(0, 20_000).Select(i =>
        {
            var v = Math.Exp(random.NextDouble() * 8);
            return (v + truth.StandardDeviation(v) * random.NextGaussian(), v);
        }).ToArray();
        var fit = PopulationPrior.FitErrorModel(pairs);

        // 20,000 residuals over three decades of volume pin alpha to about +-0.005 and sigma to a few percent.
        Assert.Equal(0.8, fit.Alpha, 0.015);
        Assert.Equal(0.2, fit.Sigma, 0.01);
    }
}
