namespace Primage.Kernels.Macro;

/// <summary>
/// Runs a <see cref="ProliferationInvasionModel"/> from t = 0 to the horizon under a therapy plan.
/// Time is cut at every output day, radiotherapy fraction and chemotherapy cycle start; each piece
/// [t0, t1] is covered by n = ceil((t1 - t0) / dtMax) equal steps, so events fall exactly on step
/// boundaries. At an event time the fraction (u *= S) is applied first, then the snapshot is taken,
/// so a snapshot on a fraction day shows the state after that fraction. Each step uses the exact
/// average of the chemotherapy kill rate over the step (cycle starts are cuts, so none falls inside).
/// </summary>
public static class Pi3dSimulation
{
    /// <summary>Imaging edges (glioma convention): T1-Gd at 80% of carrying capacity, T2 at 16%.</summary>
    public static IReadOnlyList<double> DefaultThresholds { get; } = [0.80, 0.16];

    public static Pi3dResult Run(
        ProliferationInvasionModel model,
        Pi3dTherapy therapy,
        double horizonDays,
        IReadOnlyList<double> outputDays,
        IReadOnlyList<double> thresholds,
        double safety = 0.9,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        var fractions = new List<(double Day, double Factor)>();
        foreach (var course in therapy.Radiotherapy)
        {
            var factor = therapy.SurvivingFraction(course.DosePerFractionGy);
            foreach (var day in course.FractionDays())
            {
                if (day <= horizonDays)
                {
                    fractions.Add((day, factor));
                }
            }
        }

        var cuts = new SortedSet<double> { 0, horizonDays };
        foreach (var day in outputDays)
        {
            cuts.Add(day);
        }

        foreach (var (day, _) in fractions)
        {
            cuts.Add(day);
        }

        var maxKill = 0.0;
        foreach (var course in therapy.Chemotherapy)
        {
            maxKill += course.MaxKillRate();
            for (var c = 0; c < course.Cycles; c++)
            {
                var start = course.StartDay + (c * course.CycleIntervalDays);
                if (start >= 0 && start <= horizonDays)
                {
                    cuts.Add(start);
                }
            }
        }

        var dtMax = model.StableDt(safety, maxKill);
        var chemo = therapy.Chemotherapy.ToArray();
        var snapshots = new List<Pi3dSnapshot>(outputDays.Count);
        var wanted = new HashSet<double>(outputDays);
        long steps = 0;
        var previous = 0.0;
        foreach (var cut in cuts)
        {
            if (cut > horizonDays)
            {
                break;
            }

            if (cut > previous)
            {
                var n = Math.Max(1L, (long)Math.Ceiling((cut - previous) / dtMax));
                var dt = (cut - previous) / n;
                for (long m = 0; m < n; m++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var t0 = previous + (m * dt);
                    model.Step(dt, AverageKill(chemo, t0, t0 + dt));
                }

                steps += n;
                previous = cut;
            }

            foreach (var (day, factor) in fractions)
            {
                if (day == cut)
                {
                    model.Scale(factor);
                }
            }

            if (wanted.Contains(cut))
            {
                var volumes = new double[thresholds.Count];
                for (var i = 0; i < volumes.Length; i++)
                {
                    volumes[i] = model.VisibleVolumeMm3(thresholds[i]);
                }

                snapshots.Add(new Pi3dSnapshot(cut, volumes, model.BurdenMm3(), model.MaxDensity()));
            }
        }

        // Output days may repeat; report one snapshot per requested day, in request order.
        var byDay = snapshots.ToDictionary(s => s.Day);
        return new Pi3dResult(dtMax, steps, [.. thresholds], [.. outputDays.Select(d => byDay[d])]);
    }

    private static double AverageKill(Pi3dChemoCourse[] chemo, double t0, double t1)
    {
        var kill = 0.0;
        foreach (var course in chemo)
        {
            kill += course.KillIntegral(t0, t1);
        }

        return kill / (t1 - t0);
    }
}
