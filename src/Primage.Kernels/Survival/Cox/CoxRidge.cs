using MathNet.Numerics.LinearAlgebra;

namespace Primage.Kernels.Survival.Cox;

/// <summary>
/// Cox proportional-hazards regression with an optional ridge (L2) penalty, fitted by Newton-Raphson.
/// </summary>
/// <remarks>
/// Breslow's handling of ties. With eta_i = x_i'beta, risk set R(t) = {j : T_j &gt;= t}, d_k events at t_k:
/// l(beta) = sum_k [ sum_{i in D_k} eta_i - d_k log S0(t_k) ], S0 = sum_{R} exp(eta), S1 = sum_R exp(eta) x,
/// S2 = sum_R exp(eta) x x'. Score U = sum_k [ sum_{D_k} x_i - d_k S1/S0 ] - lambda beta;
/// information I = sum_k d_k [ S2/S0 - (S1/S0)(S1/S0)' ] + lambda Id. Step beta += I^-1 U, halved until the
/// penalised objective l - lambda/2 |beta|^2 does not decrease.
/// Breslow baseline: H0(t) = sum_{t_k &lt;= t} d_k / S0(t_k).
/// </remarks>
public static class CoxRidge
{
    /// <summary>Fits the model. <paramref name="x"/> is n rows of p features.</summary>
    public static CoxFit Fit(
        IReadOnlyList<double[]> x,
        IReadOnlyList<double> times,
        IReadOnlyList<bool> events,
        double lambda,
        int maxIterations = 50,
        double tolerance = 1e-10)
    {
        Validate(x, times, events);
        if (lambda < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), "The penalty must be non-negative.");
        }

        var p = x.Count == 0 ? 0 : x[0].Length;
        var order = DescendingOrder(times);
        var beta = Vector<double>.Build.Dense(p);
        var (loglik, score, info) = Evaluate(x, times, events, order, beta);
        var objective = loglik - (lambda / 2 * beta.DotProduct(beta));
        var converged = false;
        var iteration = 0;
        for (; iteration < maxIterations && !converged; iteration++)
        {
            var u = score - (lambda * beta);
            var h = info + (lambda * Matrix<double>.Build.DenseIdentity(p));
            var step = h.Solve(u);
            var factor = 1.0;
            Vector<double> candidate;
            double candidateLoglik;
            double candidateObjective;
            Vector<double> candidateScore;
            Matrix<double> candidateInfo;
            while (true)
            {
                candidate = beta + (factor * step);
                (candidateLoglik, candidateScore, candidateInfo) = Evaluate(x, times, events, order, candidate);
                candidateObjective = candidateLoglik - (lambda / 2 * candidate.DotProduct(candidate));
                if (candidateObjective >= objective - 1e-12 || factor < 1e-6)
                {
                    break;
                }

                factor /= 2;
            }

            converged = Math.Abs(candidateObjective - objective) <= tolerance * (Math.Abs(objective) + 1.0);
            beta = candidate;
            loglik = candidateLoglik;
            objective = candidateObjective;
            score = candidateScore;
            info = candidateInfo;
        }

        var covariance = (info + (lambda * Matrix<double>.Build.DenseIdentity(p))).Inverse();
        var se = Enumerable.Range(0, p).Select(j => Math.Sqrt(Math.Max(covariance[j, j], 0))).ToArray();
        return new CoxFit(beta.ToArray(), lambda, loglik, se, iteration, converged);
    }

    /// <summary>Unpenalised Breslow log partial likelihood of <paramref name="coefficients"/> on the data.</summary>
    public static double LogPartialLikelihood(
        IReadOnlyList<double[]> x,
        IReadOnlyList<double> times,
        IReadOnlyList<bool> events,
        IReadOnlyList<double> coefficients)
    {
        Validate(x, times, events);
        ArgumentNullException.ThrowIfNull(coefficients);
        var beta = Vector<double>.Build.DenseOfEnumerable(coefficients);
        return Evaluate(x, times, events, DescendingOrder(times), beta).LogLik;
    }

    /// <summary>Linear predictor x'beta.</summary>
    public static double LinearPredictor(IReadOnlyList<double> features, IReadOnlyList<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(coefficients);
        var eta = 0.0;
        for (var j = 0; j < coefficients.Count; j++)
        {
            eta += features[j] * coefficients[j];
        }

        return eta;
    }

    /// <summary>Breslow baseline cumulative hazard for the given linear predictors.</summary>
    public static BreslowBaseline Baseline(IReadOnlyList<double> linearPredictors, IReadOnlyList<double> times, IReadOnlyList<bool> events)
    {
        ArgumentNullException.ThrowIfNull(linearPredictors);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(events);
        var order = DescendingOrder(times);
        var eventTimes = new List<double>();
        var increments = new List<double>();
        var s0 = 0.0;
        var k = 0;
        while (k < order.Length)
        {
            var t = times[order[k]];
            var d = 0;
            while (k < order.Length && times[order[k]] == t)
            {
                s0 += Math.Exp(linearPredictors[order[k]]);
                if (events[order[k]])
                {
                    d++;
                }

                k++;
            }

            if (d > 0)
            {
                eventTimes.Add(t);
                increments.Add(d / s0);
            }
        }

        eventTimes.Reverse();
        increments.Reverse();
        var cumulative = new double[increments.Count];
        var h = 0.0;
        for (var i = 0; i < increments.Count; i++)
        {
            h += increments[i];
            cumulative[i] = h;
        }

        return new BreslowBaseline(eventTimes, cumulative);
    }

    private static int[] DescendingOrder(IReadOnlyList<double> times) =>
        [.. Enumerable.Range(0, times.Count).OrderByDescending(i => times[i])];

    private static void Validate(IReadOnlyList<double[]> x, IReadOnlyList<double> times, IReadOnlyList<bool> events)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(events);
        if (x.Count != times.Count || times.Count != events.Count)
        {
            throw new ArgumentException("Features, times and events differ in length.", nameof(x));
        }
    }

    private static (double LogLik, Vector<double> Score, Matrix<double> Info) Evaluate(
        IReadOnlyList<double[]> x,
        IReadOnlyList<double> times,
        IReadOnlyList<bool> events,
        int[] order,
        Vector<double> beta)
    {
        var p = beta.Count;
        var loglik = 0.0;
        var score = new double[p];
        var info = new double[p, p];
        var s0 = 0.0;
        var s1 = new double[p];
        var s2 = new double[p, p];
        var sumEventX = new double[p];
        var k = 0;
        while (k < order.Length)
        {
            var t = times[order[k]];
            var d = 0;
            var sumEta = 0.0;
            Array.Clear(sumEventX);
            while (k < order.Length && times[order[k]] == t)
            {
                var i = order[k];
                var xi = x[i];
                var eta = 0.0;
                for (var j = 0; j < p; j++)
                {
                    eta += xi[j] * beta[j];
                }

                var w = Math.Exp(eta);
                s0 += w;
                for (var a = 0; a < p; a++)
                {
                    s1[a] += w * xi[a];
                    for (var b = 0; b <= a; b++)
                    {
                        s2[a, b] += w * xi[a] * xi[b];
                    }
                }

                if (events[i])
                {
                    d++;
                    sumEta += eta;
                    for (var a = 0; a < p; a++)
                    {
                        sumEventX[a] += xi[a];
                    }
                }

                k++;
            }

            if (d == 0)
            {
                continue;
            }

            loglik += sumEta - (d * Math.Log(s0));
            for (var a = 0; a < p; a++)
            {
                var ma = s1[a] / s0;
                score[a] += sumEventX[a] - (d * ma);
                for (var b = 0; b <= a; b++)
                {
                    var v = d * ((s2[a, b] / s0) - (ma * s1[b] / s0));
                    info[a, b] += v;
                }
            }
        }

        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < a; b++)
            {
                info[b, a] = info[a, b];
            }
        }

        return (loglik, Vector<double>.Build.DenseOfArray(score), Matrix<double>.Build.DenseOfArray(info));
    }
}
