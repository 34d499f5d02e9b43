using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Primage.Kernels.Calibration;

/// <summary>
/// Point estimates of a trajectory model's parameters by Nelder-Mead in log space (Math.NET), from
/// several deterministic starts: plain least squares (the validation baseline) and the maximum a
/// posteriori fit under a prior and the error model (the per-subject fits behind population priors).
/// </summary>
public static class PointFit
{
    private const int Starts = 6;
    private const double Penalty = 1e300;

    /// <summary>
    /// Plain least squares on the volume scale: minimises sum_j (y_j - V(t_j))^2 over the log-parameters
    /// inside the bounds, starting from the prior mean and prior draws. Returns natural-scale parameters.
    /// </summary>
    public static double[] LeastSquares(ITrajectoryModel model, LogNormalPrior startPrior, IReadOnlyList<VolumeObservation> observations, long seed)
    {
        var days = observations.Select(o => o.Day).ToArray();
        var y = observations.Select(o => o.Volume).ToArray();
        var predicted = new double[days.Length];
        var theta = new double[model.Parameters.Count];
        double Objective(Vector<double> x)
        {
            if (!startPrior.InSupport(x.AsArray()))
            {
                return Penalty;
            }

            SequentialMonteCarlo.ToNatural(x.AsArray(), theta);
            model.Predict(theta, days, predicted);
            var s = 0.0;
            for (var j = 0; j < days.Length; j++)
            {
                var r = y[j] - predicted[j];
                s += r * r;
            }

            return double.IsFinite(s) ? s : Penalty;
        }

        return Minimise(startPrior, Objective, seed).Select(Math.Exp).ToArray();
    }

    /// <summary>
    /// Maximum a posteriori: minimises -ln p(theta) - sum_j ln p(y_j | theta) under <paramref name="errorModel"/>.
    /// Returns log-parameters.
    /// </summary>
    public static double[] MaximumAPosteriori(ITrajectoryModel model, LogNormalPrior prior, MeasurementErrorModel errorModel, IReadOnlyList<VolumeObservation> observations, long seed)
    {
        var days = observations.Select(o => o.Day).ToArray();
        var y = observations.Select(o => o.Volume).ToArray();
        var predicted = new double[days.Length];
        var theta = new double[model.Parameters.Count];
        double Objective(Vector<double> x)
        {
            var lp = prior.LogDensity(x.AsArray());
            if (double.IsNegativeInfinity(lp))
            {
                return Penalty;
            }

            SequentialMonteCarlo.ToNatural(x.AsArray(), theta);
            model.Predict(theta, days, predicted);
            var s = -lp;
            for (var j = 0; j < days.Length; j++)
            {
                s -= errorModel.LogLikelihood(y[j], predicted[j]);
            }

            return double.IsFinite(s) ? s : Penalty;
        }

        return Minimise(prior, Objective, seed);
    }

    private static double[] Minimise(LogNormalPrior prior, Func<Vector<double>, double> objective, long seed)
    {
        var d = prior.Dimension;
        var random = new CalibrationRandom(seed, 7);
        var function = ObjectiveFunction.Value(objective);
        double[]? best = null;
        var bestValue = double.PositiveInfinity;
        var start = new double[d];
        for (var s = 0; s < Starts; s++)
        {
            if (s == 0)
            {
                prior.LogMean.ToArray().CopyTo(start, 0);
                if (!prior.InSupport(start))
                {
                    prior.Sample(random, start);
                }
            }
            else
            {
                prior.Sample(random, start);
            }

            var step = Vector<double>.Build.Dense(d, 0.3);
            try
            {
                var result = NelderMeadSimplex.Minimum(function, Vector<double>.Build.DenseOfArray(start), step, 1e-9, 4000);
                var value = result.FunctionInfoAtMinimum.Value;
                if (value < bestValue)
                {
                    bestValue = value;
                    best = result.MinimizingPoint.ToArray();
                }
            }
            catch (MaximumIterationsException)
            {
                // A start that did not converge is simply not used.
            }
        }

        if (best is null)
        {
            prior.LogMean.ToArray().CopyTo(start, 0);
            best = start;
        }

        return best;
    }
}
