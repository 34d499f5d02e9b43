namespace Primage.Kernels.Therapy;

/// <summary>
/// A therapy plan expanded once into what the integrator needs: the ordered instantaneous events
/// (each radiotherapy fraction on its actual day, each surgery) and the chemotherapy exposure
/// function. Immutable and shareable across threads, so an ensemble of thousands of simulations
/// compiles the plan once.
///
/// Chemotherapy: course c (regimen k_c, lambda_c) with cycle starts s_ci has exposure
///   E_c(t) = sum over s_ci &lt;= t of e^(-lambda_c (t - s_ci)),
/// and the nominal kill rate (ChemoSensitivity 1) is kappa(t) = sum_c k_c E_c(t). Between consecutive
/// distinct cycle starts b_j &lt;= t &lt; b_(j+1) every E_c decays exponentially from its value at b_j, so
/// the plan stores per segment j the amplitudes A_jc = k_c E_c(b_j) and
///   kappa(t) = sum_c A_jc e^(-lambda_c (t - b_j)),
/// which makes kappa exact and cheap anywhere, and its integral closed-form.
/// </summary>
public sealed class CompiledTherapy
{
    private readonly TherapyEvent[] _events;
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<TherapyEvent> _readOnlyEvents;
    private readonly double[] _segmentStarts;
    private readonly double[] _amplitudes;
    private readonly double[] _lambdas;
    private readonly double[] _killRates;
    private readonly double[][] _cycleStarts;

    private CompiledTherapy(
        TherapyEvent[] events, double[] segmentStarts, double[] amplitudes, double[] lambdas, double[] killRates,
        double[][] cycleStarts, bool hasRadiotherapy)
    {
        _events = events;
        _readOnlyEvents = Array.AsReadOnly(events);
        _segmentStarts = segmentStarts;
        _amplitudes = amplitudes;
        _lambdas = lambdas;
        _killRates = killRates;
        _cycleStarts = cycleStarts;
        HasRadiotherapy = hasRadiotherapy;
    }

    /// <summary>The compiled form of <see cref="TherapyPlan.None"/>.</summary>
    public static CompiledTherapy None { get; } = From(TherapyPlan.None);

    /// <summary>
    /// Every event in day order (radiotherapy fractions, surgeries, chemotherapy cycle starts); events on
    /// the same day keep plan order (radiotherapy, then surgery, then chemotherapy).
    /// </summary>
    public IReadOnlyList<TherapyEvent> Events => _readOnlyEvents;

    /// <summary>The number of chemotherapy courses.</summary>
    public int ChemotherapyCourseCount => _lambdas.Length;

    /// <summary>Whether any radiotherapy fraction is planned (the LQ response is then needed).</summary>
    public bool HasRadiotherapy { get; }

    internal ReadOnlySpan<TherapyEvent> EventSpan => _events;

    internal ReadOnlySpan<double> SegmentStarts => _segmentStarts;

    internal ReadOnlySpan<double> Lambdas => _lambdas;

    /// <summary>Expands <paramref name="plan"/>; unknown regimen names throw <see cref="ArgumentException"/>.</summary>
    public static CompiledTherapy From(TherapyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var events = new List<TherapyEvent>();
        var hasRadiotherapy = false;
        foreach (var course in plan.Radiotherapy)
        {
            foreach (var day in FractionSchedule.Days(course))
            {
                events.Add(new TherapyEvent(day, TherapyEventKind.RadiotherapyFraction, course.DosePerFractionGy));
                hasRadiotherapy = true;
            }
        }

        foreach (var surgery in plan.Surgeries)
        {
            if (!double.IsFinite(surgery.Day))
            {
                throw new ArgumentException("Surgery Day must be finite.", nameof(plan));
            }

            if (!(surgery.ResectedFraction is >= 0.0 and <= 1.0))
            {
                throw new ArgumentException("Surgery ResectedFraction must lie in [0, 1].", nameof(plan));
            }

            events.Add(new TherapyEvent(surgery.Day, TherapyEventKind.Surgery, surgery.ResectedFraction));
        }

        var courses = plan.Chemotherapy.Count;
        var lambdas = new double[courses];
        var killRates = new double[courses];
        var cycleStarts = new double[courses][];
        for (var c = 0; c < courses; c++)
        {
            var course = plan.Chemotherapy[c];
            var regimen = RegimenCatalogue.Get(course.Regimen);
            if (!double.IsFinite(course.StartDay) || course.Cycles < 0)
            {
                throw new ArgumentException($"Chemotherapy course {c} ({course.Regimen}) needs a finite StartDay and Cycles >= 0.", nameof(plan));
            }

            if (course.Cycles > 1 && !(course.CycleIntervalDays > 0.0 && double.IsFinite(course.CycleIntervalDays)))
            {
                throw new ArgumentException($"Chemotherapy course {c} ({course.Regimen}) needs CycleIntervalDays > 0.", nameof(plan));
            }

            lambdas[c] = regimen.ExposureDecayPerDay;
            killRates[c] = regimen.KillRatePerDay;
            cycleStarts[c] = new double[course.Cycles];
            for (var i = 0; i < course.Cycles; i++)
            {
                var day = course.StartDay + (i * course.CycleIntervalDays);
                cycleStarts[c][i] = day;
                events.Add(new TherapyEvent(day, TherapyEventKind.ChemotherapyCycle, c));
            }
        }

        // Stable sort by day keeps plan order for events on the same day.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(x => x.e.Day).ThenBy(x => x.i).Select(x => x.e).ToArray();

        var segmentStarts = cycleStarts.SelectMany(s => s).Distinct().Order().ToArray();
        var amplitudes = new double[segmentStarts.Length * courses];
        for (var j = 0; j < segmentStarts.Length; j++)
        {
            for (var c = 0; c < courses; c++)
            {
                amplitudes[(j * courses) + c] = killRates[c] * Exposure(cycleStarts[c], lambdas[c], segmentStarts[j]);
            }
        }

        return new CompiledTherapy(ordered, segmentStarts, amplitudes, lambdas, killRates, cycleStarts, hasRadiotherapy);
    }

    /// <summary>The exposure E_c(t) of chemotherapy course <paramref name="course"/> (dimensionless, 1 just after a lone cycle).</summary>
    public double Exposure(int course, double t) => Exposure(_cycleStarts[course], _lambdas[course], t);

    /// <summary>
    /// The closed-form integral of E_c over [t0, t1]: sum over cycles s &lt; t1 of
    /// (e^(-lambda (max(t0, s) - s)) - e^(-lambda (t1 - s))) / lambda.
    /// </summary>
    public double ExposureIntegral(int course, double t0, double t1)
    {
        var lambda = _lambdas[course];
        var sum = 0.0;
        foreach (var s in _cycleStarts[course])
        {
            var a = Math.Max(t0, s);
            if (a < t1)
            {
                sum += (Math.Exp(-lambda * (a - s)) - Math.Exp(-lambda * (t1 - s))) / lambda;
            }
        }

        return sum;
    }

    /// <summary>The nominal kill rate kappa(t) = sum_c k_c E_c(t) (1/day, ChemoSensitivity 1).</summary>
    public double KillRate(double t)
    {
        var segment = SegmentAt(t);
        return segment < 0 ? 0.0 : SegmentKillRate(segment, t);
    }

    /// <summary>The closed-form integral of the nominal kill rate over [t0, t1]: the ln-volume chemotherapy removes there at sensitivity 1.</summary>
    public double KillIntegral(double t0, double t1)
    {
        var sum = 0.0;
        for (var c = 0; c < _lambdas.Length; c++)
        {
            sum += _killRates[c] * ExposureIntegral(c, t0, t1);
        }

        return sum;
    }

    /// <summary>The index of the last segment starting at or before t, or -1 before the first cycle.</summary>
    internal int SegmentAt(double t)
    {
        var index = Array.BinarySearch(_segmentStarts, t);
        if (index >= 0)
        {
            return index;
        }

        return ~index - 1;
    }

    /// <summary>kappa(t) for t in segment j.</summary>
    internal double SegmentKillRate(int segment, double t)
    {
        var courses = _lambdas.Length;
        var start = _segmentStarts[segment];
        var amplitudes = _amplitudes.AsSpan(segment * courses, courses);
        var sum = 0.0;
        for (var c = 0; c < courses; c++)
        {
            sum += amplitudes[c] * Math.Exp(-_lambdas[c] * (t - start));
        }

        return sum;
    }

    /// <summary>The nominal kill still to come in segment j after t if no further cycle started: sum_c A_jc e^(-lambda_c (t - b_j)) / lambda_c.</summary>
    internal double SegmentRemainingKill(int segment, double t)
    {
        var courses = _lambdas.Length;
        var start = _segmentStarts[segment];
        var sum = 0.0;
        for (var c = 0; c < courses; c++)
        {
            sum += _amplitudes[(segment * courses) + c] * Math.Exp(-_lambdas[c] * (t - start)) / _lambdas[c];
        }

        return sum;
    }

    internal ReadOnlySpan<double> SegmentAmplitudes(int segment)
        => _amplitudes.AsSpan(segment * _lambdas.Length, _lambdas.Length);

    private static double Exposure(double[] cycleStarts, double lambda, double t)
    {
        var sum = 0.0;
        foreach (var s in cycleStarts)
        {
            if (s <= t)
            {
                sum += Math.Exp(-lambda * (t - s));
            }
        }

        return sum;
    }
}
