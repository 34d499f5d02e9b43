namespace Primage.Kernels.Calibration;

/// <summary>
/// A multivariate normal prior on the log-parameters, truncated to the model's bounds:
/// ln theta ~ N(mu, Sigma) restricted to [ln Lower, ln Upper]. Sigma is held by its lower Cholesky
/// factor L (row-major, d x d), so correlated population priors (Gompertz's two parameters are
/// strongly correlated, Vaghi 2020) are represented exactly.
/// Density (up to the truncation constant, which cancels in every ratio the engine forms):
/// ln p(x) = -1/2 |L^-1 (x - mu)|^2 - sum ln L_ii - d/2 ln 2 pi.
/// </summary>
public sealed class LogNormalPrior
{
    private const int MaxRejections = 10_000;
    private readonly double[] _mean;
    private readonly double[] _cholesky;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double _logNormaliser;

    /// <summary>A prior from the log-space mean and lower Cholesky factor of the covariance.</summary>
    public LogNormalPrior(IReadOnlyList<ParameterSpec> parameters, double[] logMean, double[] cholesky)
    {
        var d = parameters.Count;
        if (logMean.Length != d || cholesky.Length != d * d)
        {
            throw new ArgumentException("Mean and Cholesky factor must match the parameter count.");
        }

        Parameters = parameters;
        _mean = (double[])logMean.Clone();
        _cholesky = (double[])cholesky.Clone();
        _lower = parameters.Select(p => p.LogLower).ToArray();
        _upper = parameters.Select(p => p.LogUpper).ToArray();
        var logDet = 0.0;
        for (var i = 0; i < d; i++)
        {
            if (!(_cholesky[i * d + i] > 0))
            {
                throw new ArgumentException("The Cholesky factor needs a positive diagonal.");
            }

            logDet += Math.Log(_cholesky[i * d + i]);
        }

        _logNormaliser = -logDet - 0.5 * d * Math.Log(2 * Math.PI);
    }

    /// <summary>The parameters this prior is over.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>Dimension.</summary>
    public int Dimension => _mean.Length;

    /// <summary>The log-space mean mu.</summary>
    public IReadOnlyList<double> LogMean => _mean;

    /// <summary>The lower Cholesky factor of the log-space covariance, row-major.</summary>
    public IReadOnlyList<double> Cholesky => _cholesky;

    /// <summary>The log-space covariance Sigma = L L^T, row-major (a fresh copy).</summary>
    public double[] Covariance()
    {
        var d = _mean.Length;
        var sigma = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                // Row i of L dotted with row j of L; L is lower triangular, so only k <= min(i, j) contributes.
                var s = 0.0;
                for (var k = 0; k <= Math.Min(i, j); k++)
                {
                    s += _cholesky[i * d + k] * _cholesky[j * d + k];
                }

                sigma[i * d + j] = s;
            }
        }

        return sigma;
    }

    /// <summary>Independent log-normal marginals: medians and log-space standard deviations.</summary>
    public static LogNormalPrior Independent(IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<double> medians, IReadOnlyList<double> logSds)
    {
        var d = parameters.Count;
        var mean = new double[d];
        var chol = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            mean[i] = Math.Log(medians[i]);
            chol[i * d + i] = logSds[i];
        }

        return new LogNormalPrior(parameters, mean, chol);
    }

    /// <summary>A prior from a log-space mean and full covariance (row-major), factorised here.</summary>
    public static LogNormalPrior FromCovariance(IReadOnlyList<ParameterSpec> parameters, double[] logMean, double[] covariance)
        => new(parameters, logMean, CholeskyFactor(covariance, parameters.Count));

    /// <summary>True when every coordinate of the log-parameter vector lies inside the bounds.</summary>
    public bool InSupport(ReadOnlySpan<double> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (!(x[i] >= _lower[i] && x[i] <= _upper[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ln p(x) for log-parameters x; minus infinity outside the bounds.</summary>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        if (!InSupport(x))
        {
            return double.NegativeInfinity;
        }

        var d = _mean.Length;
        Span<double> z = stackalloc double[d];
        var q = 0.0;
        for (var i = 0; i < d; i++)
        {
            // Forward substitution: L z = x - mu.
            var s = x[i] - _mean[i];
            for (var j = 0; j < i; j++)
            {
                s -= _cholesky[i * d + j] * z[j];
            }

            z[i] = s / _cholesky[i * d + i];
            q += z[i] * z[i];
        }

        return -0.5 * q + _logNormaliser;
    }

    /// <summary>Draws log-parameters into <paramref name="x"/> by rejection from the untruncated normal.</summary>
    public void Sample(CalibrationRandom random, Span<double> x)
    {
        var d = _mean.Length;
        Span<double> z = stackalloc double[d];
        for (var attempt = 0; attempt < MaxRejections; attempt++)
        {
            for (var i = 0; i < d; i++)
            {
                z[i] = random.NextGaussian();
            }

            for (var i = 0; i < d; i++)
            {
                var s = _mean[i];
                for (var j = 0; j <= i; j++)
                {
                    s += _cholesky[i * d + j] * z[j];
                }

                x[i] = s;
            }

            if (InSupport(x))
            {
                return;
            }
        }

        // A prior with almost no mass inside the bounds is a configuration error, not bad luck.
        throw new InvalidOperationException("The prior has almost no mass inside the parameter bounds.");
    }

    /// <summary>Lower Cholesky factor of a symmetric positive definite d x d matrix (row-major); adds jitter if needed.</summary>
    public static double[] CholeskyFactor(ReadOnlySpan<double> a, int d)
    {
        var l = new double[d * d];
        var jitter = 0.0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (TryCholesky(a, d, jitter, l))
            {
                return l;
            }

            var scale = 0.0;
            for (var i = 0; i < d; i++)
            {
                scale = Math.Max(scale, Math.Abs(a[i * d + i]));
            }

            jitter = jitter == 0 ? Math.Max(scale, 1e-300) * 1e-10 : jitter * 10;
        }

        throw new ArgumentException("Matrix is not positive definite.");
    }

    private static bool TryCholesky(ReadOnlySpan<double> a, int d, double jitter, double[] l)
    {
        Array.Clear(l);
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[i * d + j] + (i == j ? jitter : 0.0);
                for (var k = 0; k < j; k++)
                {
                    s -= l[i * d + k] * l[j * d + k];
                }

                if (i == j)
                {
                    if (!(s > 0))
                    {
                        return false;
                    }

                    l[i * d + i] = Math.Sqrt(s);
                }
                else
                {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }

        return true;
    }
}
