namespace Primage.Kernels.Calibration;

/// <summary>
/// Sequential Monte Carlo over log-parameters with adaptive likelihood tempering per observation,
/// systematic resampling and random-walk Metropolis rejuvenation (Del Moral, Doucet and Jasra 2006;
/// Chopin 2002).
///
/// Absorbing observation y_n goes through tempered targets
///   pi_phi(x) ∝ p(x) prod_{j&lt;n} p(y_j | x) p(y_n | x)^phi,  0 = phi_0 &lt; phi_1 &lt; ... &lt; phi_m = 1,
/// each step choosing phi_{s+1} so the effective sample size of the incremental weights
/// w_i ∝ W_i p(y_n | x_i)^(phi_{s+1} - phi_s) equals the resampling threshold (or phi = 1 when that
/// keeps it above). The evidence accumulates ln Z += ln sum_i W_i p(y_n | x_i)^(delta), with W the
/// normalised weights before the step. When ESS falls below the threshold the particles are
/// resampled (systematic) and moved by Metropolis steps with proposal x' = x + s L z, L the
/// Cholesky factor of the particle covariance and s adapted towards a 20-45% acceptance rate.
/// Only the new observation is reweighted, so a stored posterior is updated, never rebuilt.
/// </summary>
public static class SequentialMonteCarlo
{
    /// <summary>
    /// Absorbs <paramref name="next"/> into <paramref name="posterior"/>, which already holds
    /// <paramref name="absorbed"/> (days ascending; next.Day must not precede them).
    /// </summary>
    public static void Assimilate(
        ModelPosterior posterior,
        IReadOnlyList<VolumeObservation> absorbed,
        VolumeObservation next,
        MeasurementErrorModel errorModel,
        SmcSettings settings,
        CalibrationRandom random)
    {
        if (absorbed.Count > 0 && next.Day < absorbed[^1].Day)
        {
            throw new ArgumentException("Observations must be absorbed in day order.");
        }

        var n = posterior.Count;
        var d = posterior.Dimension;
        var model = posterior.Model;
        var days = new double[absorbed.Count + 1];
        var observed = new double[absorbed.Count + 1];
        for (var j = 0; j < absorbed.Count; j++)
        {
            days[j] = absorbed[j].Day;
            observed[j] = absorbed[j].Volume;
        }

        days[^1] = next.Day;
        observed[^1] = next.Volume;

        if (double.IsNegativeInfinity(posterior.LogEvidence))
        {
            // A model that could not explain earlier data stays ruled out.
            return;
        }

        // Incremental log-likelihood of the new observation for every particle; after loading a stored
        // state, the same forward run also gives the log-likelihood of the absorbed observations.
        var theta = new double[d];
        var increment = new double[n];
        var pending = posterior.LogLikelihoodsPending;
        var span = pending ? days.AsSpan() : days.AsSpan(^1..);
        var predicted = new double[span.Length];
        for (var i = 0; i < n; i++)
        {
            ToNatural(posterior.Particle(i), theta);
            model.Predict(theta, span, predicted);
            increment[i] = errorModel.LogLikelihood(next.Volume, predicted[^1]);
            if (pending)
            {
                posterior.LogLikelihoods[i] = errorModel.LogLikelihood(observed.AsSpan(..^1), predicted);
            }
        }

        posterior.LogLikelihoodsPending = false;

        var threshold = settings.ResampleThreshold * n;
        var logW = posterior.LogWeights;
        var phi = 0.0;
        var steps = 0;
        var acceptedTotal = 0.0;
        var movesTotal = 0;
        var scale = 2.38 / Math.Sqrt(d);
        var trial = new double[n];
        while (phi < 1.0 && steps < settings.MaxTemperingSteps)
        {
            steps++;
            var delta = 1.0 - phi;
            var limited = Ess(logW, increment, delta, trial) < threshold;
            if (limited)
            {
                // Bisection on delta: ESS(delta) is non-increasing in practice.
                var lo = 0.0;
                var hi = delta;
                for (var it = 0; it < 60; it++)
                {
                    var mid = 0.5 * (lo + hi);
                    if (Ess(logW, increment, mid, trial) >= threshold)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                // Guard against stalling when only impossible particles remain to be down-weighted.
                delta = Math.Max(lo, Math.Min(1e-4, 1.0 - phi));
            }

            var before = LogSumExp(logW);
            for (var i = 0; i < n; i++)
            {
                logW[i] += delta * increment[i];
            }

            var after = LogSumExp(logW);
            posterior.LogEvidence += after - before;
            phi = steps == settings.MaxTemperingSteps ? 1.0 : Math.Min(1.0, phi + delta);
            if (double.IsNegativeInfinity(after))
            {
                posterior.LogEvidence = double.NegativeInfinity;
                break;
            }

            Normalise(logW);

            // A step cut short by the ESS target always rejuvenates: it left ESS at the threshold, so
            // the next step could otherwise only creep forward.
            if (limited || EffectiveSampleSize(logW) < threshold)
            {
                Resample(posterior, increment, random);
                var (accepted, moves, newScale) = Move(posterior, increment, phi, days, observed, errorModel, settings.MoveSteps, scale, random);
                scale = newScale;
                acceptedTotal += accepted;
                movesTotal += moves;
            }
        }

        for (var i = 0; i < n; i++)
        {
            posterior.LogLikelihoods[i] += increment[i];
        }

        posterior.LastTemperingSteps = steps;
        posterior.LastMoveSweeps = movesTotal / n;
        posterior.LastAcceptanceRate = movesTotal > 0 ? acceptedTotal / movesTotal : double.NaN;
    }

    /// <summary>ESS = (sum w)^2 / sum w^2 of the given log-weights.</summary>
    public static double EffectiveSampleSize(ReadOnlySpan<double> logWeights)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logWeights)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return 0.0;
        }

        double s = 0, s2 = 0;
        foreach (var v in logWeights)
        {
            var w = Math.Exp(v - max);
            s += w;
            s2 += w * w;
        }

        return s * s / s2;
    }

    /// <summary>ln sum exp(v_i), stable.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var s = 0.0;
        foreach (var v in values)
        {
            s += Math.Exp(v - max);
        }

        return max + Math.Log(s);
    }

    internal static void ToNatural(ReadOnlySpan<double> logTheta, Span<double> theta)
    {
        for (var k = 0; k < logTheta.Length; k++)
        {
            theta[k] = Math.Exp(logTheta[k]);
        }
    }

    private static double Ess(double[] logW, double[] increment, double delta, double[] trial)
    {
        for (var i = 0; i < logW.Length; i++)
        {
            trial[i] = logW[i] + delta * increment[i];
        }

        return EffectiveSampleSize(trial);
    }

    private static void Normalise(double[] logW)
    {
        var max = logW.Max();
        for (var i = 0; i < logW.Length; i++)
        {
            logW[i] -= max;
        }
    }

    /// <summary>Systematic resampling: one uniform u, copies of particle i for every (k + u)/n in its CDF step.</summary>
    private static void Resample(ModelPosterior posterior, double[] increment, CalibrationRandom random)
    {
        var n = posterior.Count;
        var d = posterior.Dimension;
        var weights = posterior.NormalisedWeights();
        var source = (double[])posterior.Particles.Clone();
        var sourceLl = (double[])posterior.LogLikelihoods.Clone();
        var sourceInc = (double[])increment.Clone();
        var u = random.NextDouble();
        var cumulative = weights[0];
        var j = 0;
        for (var k = 0; k < n; k++)
        {
            var position = (k + u) / n;
            while (position > cumulative && j < n - 1)
            {
                j++;
                cumulative += weights[j];
            }

            Array.Copy(source, j * d, posterior.Particles, k * d, d);
            posterior.LogLikelihoods[k] = sourceLl[j];
            increment[k] = sourceInc[j];
            posterior.LogWeights[k] = 0.0;
        }
    }

    private static (double Accepted, int Moves, double Scale) Move(
        ModelPosterior posterior,
        double[] increment,
        double phi,
        double[] days,
        double[] observed,
        MeasurementErrorModel errorModel,
        int sweeps,
        double scale,
        CalibrationRandom random)
    {
        var n = posterior.Count;
        var d = posterior.Dimension;
        var chol = LogNormalPrior.CholeskyFactor(Covariance(posterior.Particles, n, d), d);
        var prior = posterior.Prior;
        var proposal = new double[d];
        var theta = new double[d];
        var predicted = new double[days.Length];
        var z = new double[d];
        var accepted = 0.0;
        var moves = 0;
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            var acceptedThisSweep = 0;
            for (var i = 0; i < n; i++)
            {
                var current = posterior.Particles.AsSpan(i * d, d);
                for (var k = 0; k < d; k++)
                {
                    z[k] = random.NextGaussian();
                }

                for (var k = 0; k < d; k++)
                {
                    var s = 0.0;
                    for (var m = 0; m <= k; m++)
                    {
                        s += chol[k * d + m] * z[m];
                    }

                    proposal[k] = current[k] + scale * s;
                }

                var u = random.NextDouble();
                var logPriorNew = prior.LogDensity(proposal);
                if (double.IsNegativeInfinity(logPriorNew))
                {
                    continue;
                }

                ToNatural(proposal, theta);
                posterior.Model.Predict(theta, days, predicted);
                var llPrevious = errorModel.LogLikelihood(observed.AsSpan(..^1), predicted);

                var llNew = errorModel.LogLikelihood(observed[^1], predicted[^1]);
                var targetNew = logPriorNew + llPrevious + phi * llNew;
                var targetOld = prior.LogDensity(current) + posterior.LogLikelihoods[i] + phi * increment[i];
                if (double.IsNaN(targetNew) || double.IsNegativeInfinity(targetNew))
                {
                    continue;
                }

                if (Math.Log(u) < targetNew - targetOld)
                {
                    proposal.CopyTo(current);
                    posterior.LogLikelihoods[i] = llPrevious;
                    increment[i] = llNew;
                    acceptedThisSweep++;
                }
            }

            var rate = (double)acceptedThisSweep / n;
            accepted += acceptedThisSweep;
            moves += n;
            if (rate < 0.2)
            {
                scale *= 0.7;
            }
            else if (rate > 0.45)
            {
                scale *= 1.3;
            }
        }

        return (accepted, moves, scale);
    }

    private static double[] Covariance(double[] particles, int n, int d)
    {
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < d; k++)
            {
                mean[k] += particles[i * d + k];
            }
        }

        for (var k = 0; k < d; k++)
        {
            mean[k] /= n;
        }

        var cov = new double[d * d];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < d; a++)
            {
                var da = particles[i * d + a] - mean[a];
                for (var b = 0; b <= a; b++)
                {
                    cov[a * d + b] += da * (particles[i * d + b] - mean[b]);
                }
            }
        }

        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                cov[a * d + b] /= Math.Max(1, n - 1);
                cov[b * d + a] = cov[a * d + b];
            }

            // A floor keeps the proposal alive when resampling collapsed a coordinate to one value.
            cov[a * d + a] = Math.Max(cov[a * d + a], 1e-12);
        }

        return cov;
    }
}
