using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Primage.Kernels.Calibration;

/// <summary>
/// The population prior as a hierarchical estimate: the global two-stage (GTS) EM for a normal
/// population x_s ~ N(mu, Omega) of log-parameters, with a Laplace approximation of every subject's
/// posterior (Steimer et al. 1984; Davidian and Giltinan 1995, ch. 5). The naive two-stage prior
/// (<see cref="PopulationPrior.FromEstimates"/>) takes the spread of weak-prior estimates, which is
/// the population spread plus each subject's estimation noise; EM removes the noise.
///   E-step, every subject s, with N(mu, Omega) truncated to the bounds as its prior:
///     x_s = argmin_x f_s(x),  f_s(x) = 1/2 (x - mu)^T Omega^-1 (x - mu) - sum_j ln p(y_sj | e^x),
///     C_s = H_s^-1,  H_s = Omega^-1 + nabla^2 [-sum_j ln p(y_sj | e^x)] at x_s (the Laplace covariance).
///   M-step:
///     mu = mean_s x_s (clamped into the bounds),
///     Omega = 1/N sum_s [(x_s - mu)(x_s - mu)^T + C_s], eigenvalues floored at <see cref="PopulationPrior.Ridge"/>.
/// Iterated from the naive two-stage estimate until no entry of mu or Omega moves by the tolerance.
/// Where the data say nothing about a direction, x_s stays at the prior mean and C_s keeps the
/// prior's width there, so Omega keeps it too: unlike the moment correction cov(x) - mean(C), EM
/// never collapses an unidentified direction. The ridge is a floor, not added: added every M-step,
/// it would grow without bound in such a direction (Omega_uu -> Omega_uu + lambda each iteration).
/// The truncation constant of the prior is ignored in the M-step (it is near 1 for priors well inside
/// the bounds). The error model is held fixed. Deterministic: no random draws, same inputs give the
/// same bits.
/// </summary>
public static class PopulationEm
{
    /// <summary>Default cap on EM iterations.</summary>
    public const int DefaultMaxIterations = 500;

    /// <summary>Default tolerance on the largest change of an entry of mu or Omega per iteration (log units).</summary>
    public const double DefaultTolerance = 1e-4;

    /// <summary>
    /// EM from the naive two-stage estimate of <paramref name="startEstimates"/> (per-subject
    /// log-parameters, e.g. weak-prior MAP fits, which also warm-start the first E-step).
    /// </summary>
    public static PopulationEmResult Fit(
        ITrajectoryModel model,
        MeasurementErrorModel errorModel,
        IReadOnlyList<IReadOnlyList<VolumeObservation>> subjects,
        IReadOnlyList<double[]> startEstimates,
        int maxIterations = DefaultMaxIterations,
        double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errorModel);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(startEstimates);
        var parameters = model.Parameters;
        var d = parameters.Count;
        var n = subjects.Count;
        if (startEstimates.Count != n)
        {
            throw new ArgumentException("One start estimate per subject is needed.", nameof(startEstimates));
        }

        if (startEstimates.Any(x => x.Length != d))
        {
            throw new ArgumentException("Every start estimate needs one entry per parameter.", nameof(startEstimates));
        }

        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), "At least one iteration is needed.");
        }

        var bounds = new Bounds(parameters.Select(p => p.LogLower).ToArray(), parameters.Select(p => p.LogUpper).ToArray());
        var start = PopulationPrior.FromEstimates(parameters, startEstimates);
        var mu = start.LogMean.ToArray();
        var omega = Matrix<double>.Build.DenseOfRowMajor(d, d, start.Covariance());
        var x = startEstimates.Select(e => bounds.Clamp(e)).ToArray();
        var c = new Matrix<double>[n];
        var posteriors = subjects.Select(s => new SubjectPosterior(model, errorModel, s)).ToArray();

        var iterations = 0;
        var converged = false;
        var change = double.PositiveInfinity;
        while (iterations < maxIterations)
        {
            iterations++;

            // E-step under the current prior.
            var precision = Symmetric(omega.Inverse());
            for (var s = 0; s < n; s++)
            {
                c[s] = posteriors[s].Laplace(x[s], mu, precision, bounds);
            }

            // M-step.
            var newMu = new double[d];
            foreach (var xs in x)
            {
                for (var a = 0; a < d; a++)
                {
                    newMu[a] += xs[a] / n;
                }
            }

            newMu = bounds.Clamp(newMu);
            var scatter = Matrix<double>.Build.Dense(d, d);
            for (var s = 0; s < n; s++)
            {
                for (var a = 0; a < d; a++)
                {
                    for (var b = 0; b < d; b++)
                    {
                        scatter[a, b] += ((x[s][a] - newMu[a]) * (x[s][b] - newMu[b])) + c[s][a, b];
                    }
                }
            }

            var newOmega = FloorEigenvalues(Symmetric(scatter / n), PopulationPrior.Ridge);
            change = 0.0;
            for (var a = 0; a < d; a++)
            {
                change = Math.Max(change, Math.Abs(newMu[a] - mu[a]));
                for (var b = 0; b < d; b++)
                {
                    change = Math.Max(change, Math.Abs(newOmega[a, b] - omega[a, b]));
                }
            }

            mu = newMu;
            omega = newOmega;
            if (change < tolerance)
            {
                converged = true;
                break;
            }
        }

        var prior = LogNormalPrior.FromCovariance(parameters, mu, omega.ToRowMajorArray());
        return new PopulationEmResult(prior, iterations, converged, change, x, c.Select(m => m.ToRowMajorArray()).ToArray());
    }

    /// <summary>(A + A^T) / 2: removes the rounding asymmetry of products and inverses.</summary>
    private static Matrix<double> Symmetric(Matrix<double> a) => (a + a.Transpose()) * 0.5;

    /// <summary>V max(Lambda, floor) V^T for a symmetric matrix V Lambda V^T.</summary>
    private static Matrix<double> FloorEigenvalues(Matrix<double> a, double floor)
    {
        var evd = a.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Real().Map(v => Math.Max(v, floor));
        return Symmetric(evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(lambda) * evd.EigenVectors.Transpose());
    }

    /// <summary>The box [ln Lower, ln Upper] of the log-parameters.</summary>
    private sealed record Bounds(double[] Lower, double[] Upper)
    {
        public double[] Clamp(IReadOnlyList<double> x)
        {
            var y = new double[x.Count];
            for (var i = 0; i < y.Length; i++)
            {
                y[i] = Math.Clamp(x[i], Lower[i], Upper[i]);
            }

            return y;
        }
    }

    /// <summary>One subject's negative log-likelihood, its MAP under a normal prior, and the Laplace covariance there.</summary>
    private sealed class SubjectPosterior
    {
        // Finite-difference step in log space: a 0.1% change of a parameter. Central differences
        // then have a truncation error of order h^2 = 1e-6 relative to the curvature scale and a
        // rounding error of order 1e-16 |f| / h^2 = 1e-10 |f|, both far below what EM resolves.
        private const double H = 1e-3;
        private const int MaxNewtonSteps = 100;
        private const int MaxHalvings = 40;

        // The line search gives up when a step moves no coordinate by this much (log units).
        private const double StepTolerance = 1e-8;

        // Newton stops after a full step that moved no coordinate by more than this (log units).
        private const double ConvergedStep = 1e-6;

        private readonly ITrajectoryModel _model;
        private readonly MeasurementErrorModel _error;
        private readonly double[] _days;
        private readonly double[] _y;
        private readonly double[] _predicted;
        private readonly double[] _theta;
        private readonly double[] _point;

        public SubjectPosterior(ITrajectoryModel model, MeasurementErrorModel error, IReadOnlyList<VolumeObservation> observations)
        {
            _model = model;
            _error = error;
            _days = observations.Select(o => o.Day).ToArray();
            _y = observations.Select(o => o.Volume).ToArray();
            _predicted = new double[_days.Length];
            _theta = new double[model.Parameters.Count];
            _point = new double[model.Parameters.Count];
        }

        /// <summary>
        /// Moves <paramref name="x"/> (a warm start inside the bounds) to the MAP under N(mu, P^-1)
        /// restricted to the bounds, and returns the Laplace covariance there.
        /// Projected, damped Newton: step = -H^-1 g with H's eigenvalues floored at the smallest
        /// eigenvalue of the prior precision P (so H is positive definite, the step descends, and C_s
        /// is never wider than the prior's widest direction), clipped to the bounds, halved until
        /// the objective does not increase.
        /// </summary>
        public Matrix<double> Laplace(double[] x, double[] mu, Matrix<double> precision, Bounds bounds)
        {
            var d = x.Length;
            var floor = precision.Evd(Symmetricity.Symmetric).EigenValues.Real().Minimum();
            var gradient = new double[d];
            var hessian = Matrix<double>.Build.Dense(d, d);
            var trial = new double[d];
            Matrix<double> covariance = precision.Inverse();
            for (var iteration = 0; iteration < MaxNewtonSteps; iteration++)
            {
                var f0 = Objective(x, mu, precision);
                if (!LikelihoodDerivatives(x, gradient, hessian))
                {
                    // The likelihood is not finite around x (a model that blows up nearby): step on
                    // the prior's gradient and curvature alone, which overstates, not understates, C_s.
                    gradient.AsSpan().Clear();
                    hessian.Clear();
                }

                // Add the prior's gradient P (x - mu) and Hessian P.
                var g = Vector<double>.Build.Dense(d);
                for (var a = 0; a < d; a++)
                {
                    var s = gradient[a];
                    for (var b = 0; b < d; b++)
                    {
                        s += precision[a, b] * (x[b] - mu[b]);
                    }

                    g[a] = s;
                }

                var evd = Symmetric(hessian + precision).Evd(Symmetricity.Symmetric);
                var inverseLambda = evd.EigenValues.Real().Map(v => 1 / Math.Max(v, floor));
                covariance = Symmetric(evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(inverseLambda) * evd.EigenVectors.Transpose());
                var step = -(covariance * g);

                var t = 1.0;
                var moved = 0.0;
                var accepted = false;
                for (var halving = 0; halving < MaxHalvings; halving++)
                {
                    moved = 0.0;
                    for (var a = 0; a < d; a++)
                    {
                        trial[a] = Math.Clamp(x[a] + (t * step[a]), bounds.Lower[a], bounds.Upper[a]);
                        moved = Math.Max(moved, Math.Abs(trial[a] - x[a]));
                    }

                    if (moved < StepTolerance)
                    {
                        break;
                    }

                    // Rounding allowance: near the minimum f can tie within a few ulps.
                    if (Objective(trial, mu, precision) <= f0 + (1e-13 * Math.Abs(f0)))
                    {
                        accepted = true;
                        break;
                    }

                    t *= 0.5;
                }

                if (!accepted)
                {
                    break;
                }

                trial.CopyTo(x, 0);

                // Newton converges quadratically: after a full step this short the next would be of
                // order its square, so x is the MAP to far better than EM's tolerance.
                if (t == 1.0 && moved < ConvergedStep)
                {
                    break;
                }
            }

            return covariance;
        }

        /// <summary>f(x) = 1/2 (x - mu)^T P (x - mu) + NLL(x), infinite when a prediction is impossible.</summary>
        private double Objective(double[] x, double[] mu, Matrix<double> precision)
        {
            var d = x.Length;
            var q = 0.0;
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    q += (x[a] - mu[a]) * precision[a, b] * (x[b] - mu[b]);
                }
            }

            return (0.5 * q) + NegativeLogLikelihood(x);
        }

        /// <summary>NLL(x) = -sum_j ln p(y_j | e^x); +infinity when it is not finite.</summary>
        private double NegativeLogLikelihood(ReadOnlySpan<double> x)
        {
            SequentialMonteCarlo.ToNatural(x, _theta);
            _model.Predict(_theta, _days, _predicted);
            var s = -_error.LogLikelihood(_y, _predicted);
            return double.IsFinite(s) ? s : double.PositiveInfinity;
        }

        /// <summary>
        /// Central differences of NLL at x (the stencil may step h outside the bounds; the models are
        /// smooth there): g_a = (f(x + h e_a) - f(x - h e_a)) / 2h,
        /// H_aa = (f(x + h e_a) - 2 f(x) + f(x - h e_a)) / h^2,
        /// H_ab = (f(++) - f(+-) - f(-+) + f(--)) / 4h^2. False if any value is not finite.
        /// </summary>
        private bool LikelihoodDerivatives(double[] x, double[] gradient, Matrix<double> hessian)
        {
            var d = x.Length;
            var f0 = Evaluate(x, -1, 0, -1, 0);
            if (!double.IsFinite(f0))
            {
                return false;
            }

            for (var a = 0; a < d; a++)
            {
                var plus = Evaluate(x, a, H, -1, 0);
                var minus = Evaluate(x, a, -H, -1, 0);
                if (!double.IsFinite(plus) || !double.IsFinite(minus))
                {
                    return false;
                }

                gradient[a] = (plus - minus) / (2 * H);
                hessian[a, a] = (plus - (2 * f0) + minus) / (H * H);
                for (var b = 0; b < a; b++)
                {
                    var pp = Evaluate(x, a, H, b, H);
                    var pm = Evaluate(x, a, H, b, -H);
                    var mp = Evaluate(x, a, -H, b, H);
                    var mm = Evaluate(x, a, -H, b, -H);
                    var hab = (pp - pm - mp + mm) / (4 * H * H);
                    if (!double.IsFinite(hab))
                    {
                        return false;
                    }

                    hessian[a, b] = hab;
                    hessian[b, a] = hab;
                }
            }

            return true;
        }

        /// <summary>NLL at x shifted by da along coordinate a and db along coordinate b (index -1: no shift).</summary>
        private double Evaluate(double[] x, int a, double da, int b, double db)
        {
            x.CopyTo(_point, 0);
            if (a >= 0)
            {
                _point[a] += da;
            }

            if (b >= 0)
            {
                _point[b] += db;
            }

            return NegativeLogLikelihood(_point);
        }
    }
}
