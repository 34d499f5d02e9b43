using Primage.Kernels.Simulation;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Scenarios;

/// <summary>
/// Forecasts several therapy plans on the SAME posterior draws (common random numbers): the draws
/// are resampled once from the weighted particles with the seed, then every plan runs every draw.
/// A difference between plans is then a paired difference V_A,i - V_B,i per draw, whose spread
/// holds only the posterior uncertainty about the tumour, not independent Monte Carlo noise.
/// </summary>
public static class ScenarioForecaster
{
    /// <summary>Runs every plan on <paramref name="drawCount"/> draws; volumes[plan][draw][gridIndex] on <see cref="ScenarioRun.Grid"/>.</summary>
    public static ScenarioRun Run(
        IReadOnlyList<ScenarioParticle> particles,
        IReadOnlyList<ScenarioPlan> plans,
        IReadOnlyList<double> outputDays,
        int drawCount,
        long seed,
        CancellationToken cancellationToken)
    {
        var draws = Resample(particles, drawCount, seed);
        var lastDay = Math.Ceiling(outputDays.Max());

        // A daily grid (for the nadir) merged with the requested output days.
        var grid = Enumerable.Range(0, (int)lastDay + 1).Select(d => (double)d).Concat(outputDays).Distinct().Order().ToArray();
        var volumes = new double[plans.Count][][];
        for (var p = 0; p < plans.Count; p++)
        {
            var compiled = CompiledTherapy.From(plans[p].Therapy);
            volumes[p] = new double[draws.Length][];
            for (var i = 0; i < draws.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var particle = particles[draws[i]];
                var v = new double[grid.Length];
                TumourCourse.Simulate(particle.Model, particle.Parameters, particle.Response, compiled, particle.V0Ml, grid, v);
                volumes[p][i] = v;
            }
        }

        return new ScenarioRun(grid, draws, volumes);
    }

    /// <summary>
    /// Systematic resampling with one seeded uniform offset: u_k = (k + U) / n picks the particle
    /// whose cumulative normalised weight first exceeds u_k. Low variance, and the same seed and
    /// particles give the same indices.
    /// </summary>
    public static int[] Resample(IReadOnlyList<ScenarioParticle> particles, int count, long seed)
    {
        var total = particles.Sum(p => p.Weight);
        var random = new ScenarioRandom(seed);
        var offset = random.NextDouble();
        var indices = new int[count];
        var cumulative = particles[0].Weight / total;
        var j = 0;
        for (var k = 0; k < count; k++)
        {
            var u = (k + offset) / count;
            while (u > cumulative && j < particles.Count - 1)
            {
                j++;
                cumulative += particles[j].Weight / total;
            }

            indices[k] = j;
        }

        return indices;
    }

    /// <summary>The first day any treatment of the plan acts (radiotherapy, chemotherapy or surgery), or null.</summary>
    public static double? FirstTreatmentDay(TherapyPlan plan)
    {
        var days = plan.Radiotherapy.Select(r => r.StartDay)
            .Concat(plan.Chemotherapy.Select(c => c.StartDay))
            .Concat(plan.Surgeries.Select(s => s.Day))
            .ToList();
        return days.Count == 0 ? null : days.Min();
    }

    /// <summary>Biologically effective dose of the plan's radiotherapy, BED = sum n d (1 + d / (alpha/beta)).</summary>
    public static double BiologicallyEffectiveDose(TherapyPlan plan, double alphaOverBetaGy)
        => plan.Radiotherapy.Sum(r => LinearQuadratic.BiologicallyEffectiveDose(r.Fractions, r.DosePerFractionGy, alphaOverBetaGy));

    /// <summary>The type-7 (linear interpolation) sample quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
