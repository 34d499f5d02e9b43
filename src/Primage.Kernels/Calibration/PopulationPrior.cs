namespace Primage.Kernels.Calibration;

/// <summary>
/// Empirical-Bayes population priors, the pieces shared by both stages of the hierarchical fit.
/// Stage one: each training subject's log-parameters are estimated by MAP under the weak prior
/// (<see cref="Weak"/>, <see cref="PointFit.MaximumAPosteriori"/>). <see cref="FromEstimates"/> is
/// the naive two-stage prior from those estimates,
///   mu = mean_s x_s,  Sigma = cov_s(x_s) + lambda I (lambda = 0.01, a floor for tiny cohorts);
/// the spread of the estimates is the population spread plus each subject's estimation noise, so it
/// is too wide. It is the start of <see cref="PopulationEm"/>, the global two-stage EM that removes
/// the noise and gives the population prior proper (the one the validation forecasts with). The covariance keeps the strong
/// correlation of growth parameters (Vaghi 2020). The error model is fitted by maximum likelihood
/// on the pooled residuals of stage-one fits: for a given alpha, sigma^2 = mean_j r_j^2 / V_j^(2 alpha);
/// alpha by a grid search.
/// </summary>
public static class PopulationPrior
{
    /// <summary>Ridge added to the naive covariance's diagonal, and the eigenvalue floor of the EM covariance (log-space variance).</summary>
    public const double Ridge = 0.01;

    /// <summary>The naive two-stage prior from per-subject log-parameter estimates (mean, covariance plus the ridge).</summary>
    public static LogNormalPrior FromEstimates(IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<double[]> logEstimates)
    {
        var d = parameters.Count;
        var n = logEstimates.Count;
        if (n < 2)
        {
            throw new ArgumentException("A population prior needs at least two subjects.");
        }

        var mean = new double[d];
        foreach (var x in logEstimates)
        {
            for (var k = 0; k < d; k++)
            {
                mean[k] += x[k] / n;
            }
        }

        var cov = new double[d * d];
        foreach (var x in logEstimates)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    cov[a * d + b] += (x[a] - mean[a]) * (x[b] - mean[b]) / (n - 1);
                }
            }
        }

        for (var a = 0; a < d; a++)
        {
            cov[a * d + a] += Ridge;

            // Keep the mean inside the bounds so the truncated prior has mass.
            mean[a] = Math.Clamp(mean[a], parameters[a].LogLower, parameters[a].LogUpper);
        }

        return LogNormalPrior.FromCovariance(parameters, mean, cov);
    }

    /// <summary>
    /// A weak prior from the bounds alone: log-normal centred on the geometric midpoint with a
    /// log-space standard deviation of a quarter of the log-range.
    /// </summary>
    public static LogNormalPrior Weak(IReadOnlyList<ParameterSpec> parameters)
        => LogNormalPrior.Independent(
            parameters,
            parameters.Select(p => Math.Sqrt(p.Lower * p.Upper)).ToArray(),
            parameters.Select(p => (p.LogUpper - p.LogLower) / 4).ToArray());

    /// <summary>Maximum-likelihood sigma and alpha of y = V + sigma V^alpha eps from (observed, predicted) pairs.</summary>
    public static MeasurementErrorModel FitErrorModel(IReadOnlyList<(double Observed, double Predicted)> pairs)
    {
        var best = new MeasurementErrorModel(0.1, 1.0);
        var bestLl = double.NegativeInfinity;
        for (var alpha = 0.30; alpha <= 1.2001; alpha += 0.01)
        {
            // sigma^2 = mean r^2 / V^(2 alpha) maximises the likelihood for fixed alpha.
            var s2 = 0.0;
            var count = 0;
            foreach (var (y, v) in pairs)
            {
                if (v > 0 && double.IsFinite(v))
                {
                    s2 += (y - v) * (y - v) / Math.Pow(v, 2 * alpha);
                    count++;
                }
            }

            if (count == 0)
            {
                break;
            }

            var candidate = new MeasurementErrorModel(Math.Sqrt(s2 / count), alpha);
            var ll = pairs.Where(p => p.Predicted > 0 && double.IsFinite(p.Predicted)).Sum(p => candidate.LogLikelihood(p.Observed, p.Predicted));
            if (ll > bestLl)
            {
                bestLl = ll;
                best = candidate;
            }
        }

        return best;
    }
}
