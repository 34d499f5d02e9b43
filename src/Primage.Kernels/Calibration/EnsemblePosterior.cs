namespace Primage.Kernels.Calibration;

/// <summary>
/// One SMC ensemble per candidate model, the observations absorbed so far, and the evidence that
/// weighs the models: P(m | y) ∝ P(m) Z_m with equal prior model probabilities and
/// Z_m = p(y_1..y_n | m) accumulated by each ensemble.
/// </summary>
public sealed class EnsemblePosterior
{
    private readonly List<VolumeObservation> _absorbed;

    internal EnsemblePosterior(IReadOnlyList<ModelPosterior> models, MeasurementErrorModel errorModel, string fingerprint, IEnumerable<VolumeObservation> absorbed)
    {
        Models = models;
        ErrorModel = errorModel;
        Fingerprint = fingerprint;
        _absorbed = absorbed.ToList();
    }

    /// <summary>The per-model ensembles, in candidate order.</summary>
    public IReadOnlyList<ModelPosterior> Models { get; }

    /// <summary>The measurement-error model of the likelihood.</summary>
    public MeasurementErrorModel ErrorModel { get; }

    /// <summary>
    /// Identifies everything besides the observations that the posterior depends on (models, priors,
    /// error model, therapy): a stored state with another fingerprint cannot be continued.
    /// </summary>
    public string Fingerprint { get; internal set; }

    /// <summary>Observations absorbed so far, in assimilation (day) order.</summary>
    public IReadOnlyList<VolumeObservation> Absorbed => _absorbed;

    /// <summary>A fresh posterior equal to the priors.</summary>
    public static EnsemblePosterior FromPriors(IReadOnlyList<CandidateModel> candidates, MeasurementErrorModel errorModel, string fingerprint, int particleCount, long seed)
    {
        var models = new ModelPosterior[candidates.Count];
        for (var m = 0; m < candidates.Count; m++)
        {
            var random = new CalibrationRandom(seed, CalibrationRandom.StreamOf("prior/" + candidates[m].Model.Name));
            models[m] = ModelPosterior.FromPrior(candidates[m].Model, candidates[m].Prior, particleCount, random);
        }

        return new EnsemblePosterior(models, errorModel, fingerprint, []);
    }

    /// <summary>
    /// Absorbs <paramref name="observations"/> one by one (each must not precede the last absorbed day).
    /// Models are independent, so they run in parallel with their own random streams, derived from
    /// the seed, the model name and the number of observations already absorbed: the result does not
    /// depend on the thread schedule.
    /// </summary>
    public void Assimilate(IReadOnlyList<VolumeObservation> observations, long seed, SmcSettings settings, int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
    {
        if (observations.Count == 0)
        {
            return;
        }

        var start = _absorbed.Count;
        var absorbedBefore = _absorbed.ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(0, Models.Count, options, m =>
        {
            var stream = CalibrationRandom.StreamOf(Models[m].Model.Name) ^ (long)start * 0x632BE59BD9B4E019L;
            var random = new CalibrationRandom(seed, stream);
            var absorbed = new List<VolumeObservation>(absorbedBefore);
            foreach (var observation in observations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SequentialMonteCarlo.Assimilate(Models[m], absorbed, observation, ErrorModel, settings, random);
                absorbed.Add(observation);
            }
        });
        _absorbed.AddRange(observations);
    }

    /// <summary>Posterior model probabilities P(m | y), in candidate order.</summary>
    public double[] ModelProbabilities()
    {
        var logZ = Models.Select(m => m.LogEvidence).ToArray();
        var norm = SequentialMonteCarlo.LogSumExp(logZ);
        return logZ.Select(z => double.IsNegativeInfinity(norm) ? 1.0 / logZ.Length : Math.Exp(z - norm)).ToArray();
    }
}
