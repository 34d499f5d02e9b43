namespace Primage.Kernels.Calibration;

/// <summary>
/// The weighted particle approximation of one model's posterior over log-parameters, with the log
/// marginal likelihood (evidence) accumulated so far. Mutated only by <see cref="SequentialMonteCarlo"/>.
/// Particles are row-major (particle i occupies [i d, (i + 1) d)).
/// </summary>
public sealed class ModelPosterior
{
    internal ModelPosterior(ITrajectoryModel model, LogNormalPrior prior, double[] particles, double[] logWeights, double[] logLikelihoods, double logEvidence)
    {
        Model = model;
        Prior = prior;
        Particles = particles;
        LogWeights = logWeights;
        LogLikelihoods = logLikelihoods;
        LogEvidence = logEvidence;
    }

    /// <summary>The forward model.</summary>
    public ITrajectoryModel Model { get; }

    /// <summary>The prior the ensemble started from.</summary>
    public LogNormalPrior Prior { get; }

    /// <summary>Number of particles.</summary>
    public int Count => LogWeights.Length;

    /// <summary>Parameter dimension.</summary>
    public int Dimension => Prior.Dimension;

    /// <summary>ln p(y_1..y_n | model): the sum of the incremental normalising constants.</summary>
    public double LogEvidence { get; internal set; }

    /// <summary>Tempering steps taken in the last update.</summary>
    public int LastTemperingSteps { get; internal set; }

    /// <summary>Metropolis sweeps over the ensemble in the last update.</summary>
    public int LastMoveSweeps { get; internal set; }

    /// <summary>Mean Metropolis acceptance rate in the last update (NaN when no move was needed).</summary>
    public double LastAcceptanceRate { get; internal set; } = double.NaN;

    /// <summary>Particle log-parameters, row-major.</summary>
    internal double[] Particles { get; }

    /// <summary>Unnormalised log-weights.</summary>
    internal double[] LogWeights { get; }

    /// <summary>ln p(y_1..y_n | theta_i) for every particle (valid unless <see cref="LogLikelihoodsPending"/>).</summary>
    internal double[] LogLikelihoods { get; }

    /// <summary>
    /// True after loading a stored state, whose particles were quantised: their log-likelihoods are then
    /// computed with the next observation's increment, in the same forward run per particle.
    /// </summary>
    internal bool LogLikelihoodsPending { get; set; }

    /// <summary>The log-parameters of particle <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Particle(int i) => Particles.AsSpan(i * Dimension, Dimension);

    /// <summary>Normalised weights.</summary>
    public double[] NormalisedWeights()
    {
        var max = LogWeights.Max();
        var w = new double[Count];
        var sum = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = Math.Exp(LogWeights[i] - max);
            sum += w[i];
        }

        for (var i = 0; i < w.Length; i++)
        {
            w[i] /= sum;
        }

        return w;
    }

    /// <summary>Effective sample size 1 / sum w_i^2 of the normalised weights.</summary>
    public double EffectiveSampleSize => SequentialMonteCarlo.EffectiveSampleSize(LogWeights);

    /// <summary>Weighted posterior mean of log-parameter <paramref name="k"/>.</summary>
    public double LogMean(int k)
    {
        var w = NormalisedWeights();
        var s = 0.0;
        for (var i = 0; i < Count; i++)
        {
            s += w[i] * Particles[i * Dimension + k];
        }

        return s;
    }

    /// <summary>Weighted quantile of natural-scale parameter <paramref name="k"/>.</summary>
    public double Quantile(int k, double p)
    {
        var w = NormalisedWeights();
        var values = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            values[i] = Particles[i * Dimension + k];
        }

        return Math.Exp(WeightedQuantile.Of(values, w, p));
    }

    /// <summary>A fresh ensemble drawn from the prior (equal weights, zero evidence).</summary>
    public static ModelPosterior FromPrior(ITrajectoryModel model, LogNormalPrior prior, int count, CalibrationRandom random)
    {
        if (prior.Dimension != model.Parameters.Count)
        {
            throw new ArgumentException($"Prior dimension {prior.Dimension} does not match model {model.Name}.");
        }

        var d = prior.Dimension;
        var particles = new double[count * d];
        for (var i = 0; i < count; i++)
        {
            prior.Sample(random, particles.AsSpan(i * d, d));
        }

        return new ModelPosterior(model, prior, particles, new double[count], new double[count], 0.0);
    }
}
