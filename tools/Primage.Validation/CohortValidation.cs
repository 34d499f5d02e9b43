using System.Diagnostics;
using Primage.Kernels.Calibration;
using Primage.Kernels.Forecasting;
using Primage.Kernels.Growth;
using Primage.Kernels.Therapy;

namespace Primage.Validation;

/// <summary>
/// The validation protocol: for every subject and every k, calibrate on the subject's first k
/// points with priors (hierarchical EM) and error model fitted on the OTHER subjects only (leave one subject out),
/// forecast its remaining points, and record every method's forecast beside the measurement.
/// Volumes enter the engine in mL (mm^3 / 1000); time is shifted so the subject's first point is day 0.
/// </summary>
internal sealed class CohortValidation(IReadOnlyList<CohortSubject> subjects, IReadOnlyList<IGrowthModel> growthModels, int particles, long seed, int threads)
{
    private const double MlPerMm3 = 1e-3;

    public const string Average = "average";

    private readonly GrowthTrajectoryModel[] _models = growthModels.Select(g => new GrowthTrajectoryModel(g, TherapyPlan.None, therapyParameters: false)).ToArray();

    // Per model, per subject: MAP log-parameters on all of that subject's points (weak prior).
    private double[][][] _subjectFits = [];

    // Per model, per excluded subject: the EM population prior fitted on every other subject.
    private LogNormalPrior[][] _priors = [];

    public IReadOnlyList<string> ModelNames => _models.Select(m => m.Name).ToArray();

    public MeasurementErrorModel PooledErrorModel { get; private set; } = MeasurementErrorModel.PublishedCaliperMm3;

    /// <summary>Per model: the EM iteration counts of the leave-one-out fits (one per excluded subject).</summary>
    public IReadOnlyList<int[]> EmIterations { get; private set; } = [];

    /// <summary>Per model: how many leave-one-out EM fits reached the tolerance within the cap.</summary>
    public IReadOnlyList<int> EmConverged { get; private set; } = [];

    /// <summary>Per model, on all subjects (for the report): the naive two-stage prior and the EM prior.</summary>
    public IReadOnlyList<(LogNormalPrior Naive, LogNormalPrior Em)> AllSubjectPriors { get; private set; } = [];

    public TimeSpan PopulationFitTime { get; private set; }

    public TimeSpan ForecastTime { get; private set; }

    public static VolumeObservation[] Observations(CohortSubject s, int count)
        => Enumerable.Range(0, count).Select(j => new VolumeObservation($"{s.Id}/{j}", s.Days[j] - s.Days[0], s.Volumes[j] * MlPerMm3)).ToArray();

    /// <summary>
    /// The empirical-Bayes fit. Stage one: every subject, every model, all points, MAP under the weak
    /// prior. Stage two, for every subject s: the EM population prior (<see cref="PopulationEm"/>) of
    /// every model on the other subjects only, with the error model fitted without s, started from
    /// the naive two-stage estimate without s (the stage-one fits of the others). Nothing in the prior
    /// used for s depends on s's data. Parallel over excluded subjects; each EM is sequential and
    /// deterministic, so the thread count changes no result.
    /// </summary>
    public void FitSubjects()
    {
        var watch = Stopwatch.StartNew();
        var initialError = MeasurementErrorModel.PublishedCaliperMm3.Rescaled(MlPerMm3);
        var observations = subjects.Select(s => Observations(s, s.Days.Length)).ToArray();
        _subjectFits = new double[_models.Length][][];
        for (var m = 0; m < _models.Length; m++)
        {
            var model = _models[m];
            var weak = PopulationPrior.Weak(model.Parameters);
            var fits = new double[subjects.Count][];
            Parallel.For(0, subjects.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, s =>
            {
                fits[s] = PointFit.MaximumAPosteriori(model, weak, initialError, observations[s], seed + s);
            });
            _subjectFits[m] = fits;
        }

        PooledErrorModel = ErrorModelExcluding(-1).Rescaled(1 / MlPerMm3);

        // Index subjects.Count stands for "nobody excluded": the all-subject prior, for the report only.
        var results = new PopulationEmResult[_models.Length][];
        for (var m = 0; m < _models.Length; m++)
        {
            results[m] = new PopulationEmResult[subjects.Count + 1];
        }

        Parallel.For(0, subjects.Count + 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var excluded = i < subjects.Count ? i : -1;
            var error = ErrorModelExcluding(excluded);
            var others = observations.Where((_, s) => s != excluded).ToArray();
            for (var m = 0; m < _models.Length; m++)
            {
                var starts = _subjectFits[m].Where((_, s) => s != excluded).ToArray();
                results[m][i] = PopulationEm.Fit(_models[m], error, others, starts);
            }
        });

        _priors = results.Select(r => r[..subjects.Count].Select(x => x.Prior).ToArray()).ToArray();
        EmIterations = results.Select(r => r[..subjects.Count].Select(x => x.Iterations).ToArray()).ToArray();
        EmConverged = results.Select(r => r[..subjects.Count].Count(x => x.Converged)).ToArray();
        AllSubjectPriors = _models.Select((model, m) => (PopulationPrior.FromEstimates(model.Parameters, _subjectFits[m]), results[m][subjects.Count].Prior)).ToArray();
        PopulationFitTime = watch.Elapsed;
    }

    /// <summary>The EM population prior of model m fitted on every subject but <paramref name="excluded"/>.</summary>
    public LogNormalPrior PriorExcluding(int m, int excluded) => _priors[m][excluded];

    /// <summary>
    /// The error model fitted on the residuals of the other subjects' weak-prior Gompertz fits (the
    /// model the authors fitted it with; the first model if the catalogue has no Gompertz), in mL.
    /// It is kept from the stage-one fits, not refitted on the EM fits: the EM conditions on it (its
    /// E-steps use it), and keeping it unchanged means the priors are the only thing EM changed in the
    /// forecasts. A joint fit would add an M-step for sigma and alpha with the Laplace terms
    /// tr(J_s C_s J_s^T); it would come out somewhat larger, since near-maximum-likelihood residuals
    /// understate the noise by the degrees of freedom each fit uses.
    /// </summary>
    public MeasurementErrorModel ErrorModelExcluding(int excluded)
    {
        var m = Math.Max(0, Array.FindIndex(_models, x => x.Name == "gompertz"));
        var pairs = new List<(double, double)>();
        var theta = new double[_models[m].Parameters.Count];
        for (var s = 0; s < subjects.Count; s++)
        {
            if (s == excluded)
            {
                continue;
            }

            var obs = Observations(subjects[s], subjects[s].Days.Length);
            var predicted = new double[obs.Length];
            for (var k = 0; k < theta.Length; k++)
            {
                theta[k] = Math.Exp(_subjectFits[m][s][k]);
            }

            _models[m].Predict(theta, obs.Select(o => o.Day).ToArray(), predicted);
            for (var j = 0; j < obs.Length; j++)
            {
                pairs.Add((obs[j].Volume, predicted[j]));
            }
        }

        return PopulationPrior.FitErrorModel(pairs);
    }

    /// <summary>The candidates for subject <paramref name="s"/>: population priors without it.</summary>
    public CandidateModel[] CandidatesFor(int s)
        => _models.Select((model, m) => new CandidateModel(model, PriorExcluding(m, s))).ToArray();

    /// <summary>Stage two: calibrate and forecast every subject for every k.</summary>
    public IReadOnlyList<ForecastPoint> Run(IReadOnlyList<int> ks)
    {
        var watch = Stopwatch.StartNew();
        var results = new List<ForecastPoint>[subjects.Count];
        Parallel.For(0, subjects.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, s =>
        {
            var subject = subjects[s];
            var list = new List<ForecastPoint>();
            var candidates = CandidatesFor(s);
            var error = ErrorModelExcluding(s);
            foreach (var k in ks)
            {
                if (subject.Days.Length <= k)
                {
                    continue;
                }

                list.AddRange(ForecastSubject(s, k, candidates, error));
            }

            results[s] = list;
        });

        ForecastTime = watch.Elapsed;
        return results.SelectMany(r => r).ToArray();
    }

    private IEnumerable<ForecastPoint> ForecastSubject(int s, int k, CandidateModel[] candidates, MeasurementErrorModel error)
    {
        var subject = subjects[s];
        var all = Observations(subject, subject.Days.Length);
        var training = all[..k];
        var heldOut = all[k..];
        var runSeed = seed * 1_000_003 + s * 101 + k;
        var posterior = EnsemblePosterior.FromPriors(candidates, error, "validation", particles, runSeed);
        posterior.Assimilate(training, runSeed, new SmcSettings(ParticleCount: particles));
        var request = new ForecastRequest(heldOut.Select(o => o.Day).ToArray(), heldOut[^1].Day, heldOut[^1].Day);
        var forecasts = new Dictionary<string, ForecastResult> { [Average] = Forecaster.Forecast(posterior, request, runSeed) };
        for (var m = 0; m < _models.Length; m++)
        {
            forecasts[_models[m].Name] = Forecaster.Forecast(posterior, request, runSeed, m);
        }

        var lsq = new Dictionary<string, double[]>();
        for (var m = 0; m < _models.Length; m++)
        {
            var theta = PointFit.LeastSquares(_models[m], candidates[m].Prior, training, runSeed);
            var predicted = new double[heldOut.Length];
            _models[m].Predict(theta, heldOut.Select(o => o.Day).ToArray(), predicted);
            lsq["lsq:" + _models[m].Name] = predicted;
        }

        for (var j = 0; j < heldOut.Length; j++)
        {
            var bayes = forecasts.ToDictionary(
                f => f.Key,
                f => new[] { f.Value.Q05[j], f.Value.Q25[j], f.Value.Q50[j], f.Value.Q75[j], f.Value.Q95[j] }.Select(v => v / MlPerMm3).ToArray());
            var baselines = lsq.ToDictionary(b => b.Key, b => b.Value[j] / MlPerMm3);
            baselines["naive"] = training[^1].Volume / MlPerMm3;
            yield return new ForecastPoint(
                subject.Id,
                k,
                heldOut[j].Day - training[^1].Day,
                heldOut[j].Volume / MlPerMm3,
                bayes,
                baselines,
                forecasts[Average].Confidence[j]);
        }
    }
}
