namespace Primage.Kernels.Micro;

/// <summary>
/// The agent-based neuroblastoma region: neuroblasts and Schwann cells in structure-of-arrays storage,
/// advanced in one-hour steps. Each step updates fixed chunks of agents in parallel; every random draw
/// comes from <see cref="CounterRandom"/> keyed by (seed, agent id, step, stream), births are buffered
/// per chunk and appended in chunk order, and removals are compacted in order, so the result is the
/// same bit for bit for any degree of parallelism.
/// Oxygen is one well-mixed value per region; there is no spatial mechanics (see docs/multiscale.md).
/// </summary>
public sealed class MicroSimulation
{
    /// <summary>Agents per parallel work item; fixed, and the result does not depend on it.</summary>
    internal const int ChunkSize = 8192;

    // Random streams: one per decision, so that draws are independent and skipping one shifts nothing.
    private const int StreamHypoxia = 0;
    private const int StreamMycn = 1;
    private const int StreamRas = 2;
    private const int StreamJab1 = 3;
    private const int StreamChk1 = 4;
    private const int StreamP53 = 5;
    private const int StreamP73 = 6;
    private const int StreamHif = 7;
    private const int StreamVegf = 8;
    private const int StreamTep1 = 9;
    private const int StreamAlt = 10;
    private const int StreamInhibitChk1 = 11;
    private const int StreamInhibitJab1 = 12;
    private const int StreamInhibitHif = 13;
    private const int StreamInhibitMycn = 14;
    private const int StreamInhibitTep1 = 15;
    private const int StreamInhibitP53 = 16;
    private const int StreamRepair = 17;
    private const int StreamHypoxicDamage = 18;
    private const int StreamChemoDamage = 19;
    private const int StreamApoptosis = 20;
    private const int StreamNecrosis = 21;
    private const int StreamCycle = 22;
    private const int StreamLysis = 23;
    private const int StreamThin = 24;
    private const int StreamInitCycle = 30;
    private const int StreamInitAge = 31;
    private const int StreamInitTelomere = 32;
    private const int StreamInitTelomere2 = 33;
    private const int StreamInitDifferentiation = 34;
    private const int StreamInitDifferentiation2 = 35;

    // Per-chunk statistics layout.
    private const int StatCells = 0; // 6 counts: kind * 3 + fate
    private const int StatVegf = 6;
    private const int StatHypoxic = 7;
    private const int StatRemoved = 8;
    private const int StatBirths = 9;
    private const int StatWidth = 10;

    private readonly MicroParameters _p;
    private readonly MicroRegionInput _input;
    private readonly ulong _seedHash;
    private readonly ParallelOptions _parallel;
    private readonly AgentStore _store;
    private readonly List<int[]> _births = [];
    private long[] _chunkStats = [];
    private readonly long[] _totals = new long[StatWidth];
    private readonly byte[] _phaseHours;
    private readonly double _startPresent;
    private readonly double _startMatrix;
    private readonly double _startAlive;
    private double _vasculature = 1.0;
    private int _nextId;
    private StepContext _context;

    public MicroSimulation(MicroRegionInput input, MicroParameters parameters, long seed, int maxDegreeOfParallelism = -1)
    {
        _input = input;
        _p = parameters;
        _seedHash = CounterRandom.SeedHash(seed);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        _phaseHours = [0, (byte)_p.G1Hours, (byte)_p.SHours, (byte)_p.G2Hours, (byte)_p.MHours];
        Oxygen = input.Oxygen;
        InitialOxygen = input.Oxygen;
        MatrixFraction = input.MatrixFraction;
        _startMatrix = input.MatrixFraction;

        var realCells = input.CellCount
            ?? input.VolumeMm3 * (1 - input.MatrixFraction) * _p.PackingFraction / _p.CellVolumeMm3;
        var agents = (int)Math.Min(input.AgentCap, Math.Round(realCells));
        if (agents == 0 && realCells > 0)
        {
            agents = 1;
        }

        Scale = agents > 0 ? realCells / agents : 1.0;
        _store = new AgentStore(Math.Max(16, agents + agents / 4));
        Initialise(agents);
        Recount();
        _startPresent = PresentAgents * Scale;
        _startAlive = AliveAgents * Scale;
    }

    /// <summary>Hours simulated so far.</summary>
    public int Hour { get; private set; }

    /// <summary>Current agents (alive and dead, not yet lysed).</summary>
    public int AgentCount => _store.Count;

    /// <summary>Real cells represented by one agent.</summary>
    public double Scale { get; private set; }

    public double Oxygen { get; private set; }

    public double InitialOxygen { get; }

    public double MatrixFraction { get; private set; }

    /// <summary>Agents by kind and fate: index kind * 3 + fate (the order of <see cref="CellularityFractions"/>).</summary>
    public long CellCount(CellKind kind, CellFate fate) => _totals[StatCells + (int)kind * 3 + (int)fate];

    public long AliveAgents => _totals[StatCells] + _totals[StatCells + 3];

    public long PresentAgents
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < 6; i++)
            {
                sum += _totals[StatCells + i];
            }

            return sum;
        }
    }

    internal AgentStore Store => _store;

    /// <summary>Runs <paramref name="hours"/> one-hour steps.</summary>
    public void Run(int hours, CancellationToken cancellationToken = default)
    {
        for (var h = 0; h < hours; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step();
        }
    }

    /// <summary>Advances one hour.</summary>
    public void Step()
    {
        PrepareContext();
        var chunks = (_store.Count + ChunkSize - 1) / ChunkSize;
        while (_births.Count < chunks)
        {
            _births.Add(new int[ChunkSize]);
        }

        if (_chunkStats.Length < chunks * StatWidth)
        {
            _chunkStats = new long[Math.Max(chunks * StatWidth, _chunkStats.Length * 2)];
        }

        Array.Clear(_chunkStats, 0, chunks * StatWidth);
        if (chunks == 1)
        {
            UpdateChunk(0);
        }
        else if (chunks > 1)
        {
            Parallel.For(0, chunks, _parallel, UpdateChunk);
        }

        Array.Clear(_totals);
        for (var c = 0; c < chunks; c++)
        {
            for (var s = 0; s < StatWidth; s++)
            {
                _totals[s] += _chunkStats[c * StatWidth + s];
            }
        }

        MergeBirthsAndRemovals(chunks);
        UpdateEnvironment();
        Hour++;
        ThinIfOverCap();
    }

    /// <summary>The region's outputs after the hours run so far.</summary>
    public MicroRegionOutput Summarise()
    {
        var present = PresentAgents;
        var alive = AliveAgents;
        Span<double> fractions = stackalloc double[6];
        for (var i = 0; i < 6; i++)
        {
            fractions[i] = present > 0 ? (double)_totals[StatCells + i] / present : 0.0;
        }

        double ratio;
        double volume;
        if (alive == 0 || _startPresent <= 0)
        {
            ratio = -1;
            volume = 0;
        }
        else
        {
            // V is proportional to the cells present over the non-matrix fraction: V = N v / (p (1 - M)).
            ratio = present * Scale / (1 - MatrixFraction) / (_startPresent / (1 - _startMatrix));
            volume = _input.VolumeMm3 * ratio;
        }

        return new MicroRegionOutput(
            Oxygen,
            Oxygen - InitialOxygen,
            MatrixFraction,
            MatrixFraction - _startMatrix,
            CellularityFractions.FromSpan(fractions),
            present * Scale,
            _store.Count,
            ratio,
            volume,
            alive > 0 ? (double)_totals[StatVegf] / alive : 0.0,
            alive > 0 ? (double)_totals[StatHypoxic] / alive : 0.0,
            ComputeStatistics());
    }

    private void Initialise(int agents)
    {
        var fractions = new double[6];
        if (_input.Cellularity is { } given)
        {
            given.CopyTo(fractions);
        }
        else
        {
            var sc = HistologyDefaults.SchwannFraction(_input.Histology);
            fractions[0] = 1 - sc;
            fractions[3] = sc;
        }

        // Largest-remainder allocation of the agents to the six categories, so the initial fractions are exact.
        var counts = new int[6];
        var sum = fractions.Sum();
        var assigned = 0;
        for (var i = 0; i < 6; i++)
        {
            counts[i] = (int)Math.Floor(agents * fractions[i] / sum);
            assigned += counts[i];
        }

        var order = Enumerable.Range(0, 6)
            .OrderByDescending(i => agents * fractions[i] / sum - counts[i])
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; assigned < agents; k++, assigned++)
        {
            counts[order[k % 6]]++;
        }

        var g = _input.Genetics;
        var maintained = g.TertRearranged || g.AtrxAltered;
        var differentiation = HistologyDefaults.NeuroblastDifferentiation(_input.Histology);
        var index = 0;
        for (var category = 0; category < 6; category++)
        {
            for (var n = 0; n < counts[category]; n++, index++)
            {
                var key = CounterRandom.Key(_seedHash, index, -1);
                var kind = (CellKind)(category / 3);
                var fate = (CellFate)(category % 3);
                _store.Id[index] = index;
                _store.Kind[index] = (byte)kind;
                _store.Fate[index] = (byte)fate;
                _store.Flags[index] = 0;
                _store.Pathways[index] = 0;
                _store.ApoptoticSignals[index] = 0;
                _store.NecroticSignals[index] = 0;
                _store.Telomere[index] = InitialTelomere(key, maintained);
                _store.Differentiation[index] = kind == CellKind.Neuroblast ? InitialDifferentiation(key, differentiation) : 0f;
                InitialCycle(index, key, kind, fate);
            }
        }

        _store.Count = agents;
        _nextId = agents;
    }

    private byte InitialTelomere(ulong key, bool maintained)
    {
        var u1 = CounterRandom.Uniform(key, StreamInitTelomere);
        double length;
        if (_input.Previous is { } previous)
        {
            var u2 = CounterRandom.Uniform(key, StreamInitTelomere2);
            length = previous.TelomereMean + previous.TelomereSd * StandardNormal(u1, u2);
        }
        else
        {
            // Ours: cells with telomere maintenance (TERT, ALT) start near the maximum (50-60),
            // others at 30-50, so untreated non-maintaining clones meet senescence within a few windows.
            length = maintained ? 50 + 11 * u1 : 30 + 21 * u1;
        }

        return (byte)Math.Clamp(Math.Floor(length), 0, _p.TelomereMax);
    }

    private float InitialDifferentiation(ulong key, double byGrade)
    {
        if (_input.Previous is { } previous)
        {
            var z = StandardNormal(
                CounterRandom.Uniform(key, StreamInitDifferentiation),
                CounterRandom.Uniform(key, StreamInitDifferentiation2));
            return (float)Math.Clamp(previous.DifferentiationMean + previous.DifferentiationSd * z, 0, 1);
        }

        return (float)byGrade;
    }

    /// <summary>
    /// Living cells start asynchronous: in the cycle with probability q = C p / (1 + C p) (the share of
    /// the mean generation time 1/p + C spent cycling), at a uniformly drawn hour of the C-hour cycle;
    /// otherwise resting in G0.
    /// </summary>
    private void InitialCycle(int index, ulong key, CellKind kind, CellFate fate)
    {
        _store.Phase[index] = (byte)CyclePhase.G0;
        _store.PhaseHours[index] = 0;
        if (fate != CellFate.Alive || !_p.Has(MicroProcesses.Cycling))
        {
            return;
        }

        var p = kind == CellKind.Neuroblast ? _p.CycleProbabilityNeuroblast : _p.CycleProbabilitySchwann;
        var cycle = _p.CycleHours;
        var q = cycle * p / (1 + cycle * p);
        if (CounterRandom.Uniform(key, StreamInitCycle) >= q)
        {
            return;
        }

        var age = (int)Math.Floor(CounterRandom.Uniform(key, StreamInitAge) * cycle);
        var phase = 1;
        while (age >= _phaseHours[phase])
        {
            age -= _phaseHours[phase];
            phase++;
        }

        _store.Phase[index] = (byte)phase;
        _store.PhaseHours[index] = (byte)age;
    }

    private static double StandardNormal(double u1, double u2)
        => Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);

    private void PrepareContext()
    {
        var hour = (double)Hour;
        var inhibit = new double[6];
        var chemo = false;
        if (_p.Has(MicroProcesses.Chemotherapy) && _input.ChemoWindows is { } windows)
        {
            // Overlapping windows act independently: p = 1 - prod(1 - p_w).
            Span<double> keep = [1, 1, 1, 1, 1, 1];
            foreach (var w in windows)
            {
                if (!w.IsActiveAt(hour))
                {
                    continue;
                }

                chemo = true;
                keep[0] *= 1 - w.Chk1;
                keep[1] *= 1 - w.Jab1;
                keep[2] *= 1 - w.Hif;
                keep[3] *= 1 - w.Mycn;
                keep[4] *= 1 - w.Tep1;
                keep[5] *= 1 - w.P53;
            }

            for (var i = 0; i < 6; i++)
            {
                inhibit[i] = 1 - keep[i];
            }
        }

        var present = PresentAgents;
        var g = _input.Genetics;
        _context = new StepContext
        {
            Step = Hour,
            HypoxiaProbability = _p.Has(MicroProcesses.Hypoxia)
                ? Math.Clamp(1 - Oxygen / _p.HypoxiaOxygenThreshold, 0, 1)
                : 0,
            Chemo = chemo,
            InhibitChk1 = inhibit[0],
            InhibitJab1 = inhibit[1],
            InhibitHif = inhibit[2],
            InhibitMycn = inhibit[3],
            InhibitTep1 = inhibit[4],
            InhibitP53 = inhibit[5],
            SchwannAliveFraction = present > 0 ? (double)_totals[StatCells + 3] / present : 0,
            MycnActivation = g.MycnAmplified ? _p.MycnActivationAmplified : _p.MycnActivation,
            MapkActivation = g.Alk != AlkStatus.WildType ? _p.MapkActivationAlkAltered : _p.MapkActivation,
            Tep1Activation = g.TertRearranged ? _p.Tep1ActivationTert : _p.Tep1Activation,
            AltActivation = g.AtrxAltered ? _p.AltActivationAtrx : 0,
        };
    }

    private void UpdateChunk(int chunk)
    {
        var start = chunk * ChunkSize;
        var end = Math.Min(start + ChunkSize, _store.Count);
        var stats = new Span<long>(_chunkStats, chunk * StatWidth, StatWidth);
        var births = _births[chunk];
        var birthCount = 0;
        for (var i = start; i < end; i++)
        {
            if (_store.Fate[i] == (byte)CellFate.Alive)
            {
                if (UpdateLiving(i))
                {
                    births[birthCount++] = i;
                }
            }
            else
            {
                UpdateDead(i);
            }

            var fate = _store.Fate[i];
            if (fate == (byte)CellFate.Lysed)
            {
                stats[StatRemoved]++;
                continue;
            }

            stats[StatCells + _store.Kind[i] * 3 + fate]++;
            if (fate == (byte)CellFate.Alive)
            {
                if ((_store.Pathways[i] & (ushort)PathwaySpecies.Vegf) != 0)
                {
                    stats[StatVegf]++;
                }

                if ((_store.Flags[i] & AgentStore.Hypoxic) != 0)
                {
                    stats[StatHypoxic]++;
                }
            }
        }

        // A daughter is a copy of its parent after the parent's update, so it counts like the parent.
        for (var b = 0; b < birthCount; b++)
        {
            var i = births[b];
            stats[StatCells + _store.Kind[i] * 3]++;
            if ((_store.Pathways[i] & (ushort)PathwaySpecies.Vegf) != 0)
            {
                stats[StatVegf]++;
            }

            if ((_store.Flags[i] & AgentStore.Hypoxic) != 0)
            {
                stats[StatHypoxic]++;
            }
        }

        stats[StatBirths] = birthCount;
    }

    private void UpdateDead(int i)
    {
        if (!_p.Has(MicroProcesses.Lysis))
        {
            return;
        }

        var key = CounterRandom.Key(_seedHash, _store.Id[i], _context.Step);
        var rate = _store.Fate[i] == (byte)CellFate.Necrotic ? _p.NecroticLysis : _p.ApoptoticClearance;
        if (CounterRandom.Uniform(key, StreamLysis) < rate)
        {
            _store.Fate[i] = (byte)CellFate.Lysed;
        }
    }

    /// <summary>One hour of a living cell; returns true when it divided (the daughter is appended later).</summary>
    private bool UpdateLiving(int i)
    {
        ref readonly var ctx = ref _context;
        var p = _p;
        var key = CounterRandom.Key(_seedHash, _store.Id[i], ctx.Step);
        var neuroblast = _store.Kind[i] == (byte)CellKind.Neuroblast;
        var flags = _store.Flags[i];
        var damaged = (flags & AgentStore.Damaged) != 0;

        // Hypoxia: the well-mixed O2 hides micro-heterogeneity, so each cell is hypoxic with
        // probability clamp(1 - O2/O2_threshold, 0, 1) in each hour.
        var hypoxic = ctx.HypoxiaProbability > 0 && CounterRandom.Uniform(key, StreamHypoxia) < ctx.HypoxiaProbability;

        // Pathway switches, redrawn every hour; chemotherapy switches targets off with its inhibition probabilities.
        bool mycn = false, ras = false, jab1 = false, chk1 = false, p53 = false, p73 = false;
        bool hif = false, vegf = false, tep1 = false, alt = false;
        if (p.Has(MicroProcesses.Pathways))
        {
            if (neuroblast)
            {
                mycn = CounterRandom.Uniform(key, StreamMycn) < ctx.MycnActivation;
                ras = CounterRandom.Uniform(key, StreamRas) < ctx.MapkActivation;
                jab1 = CounterRandom.Uniform(key, StreamJab1) < p.Jab1Activation;
                tep1 = CounterRandom.Uniform(key, StreamTep1) < ctx.Tep1Activation;
                alt = ctx.AltActivation > 0 && CounterRandom.Uniform(key, StreamAlt) < ctx.AltActivation;
                p73 = damaged && CounterRandom.Uniform(key, StreamP73) < p.P73Activation;
            }

            if (ctx.Chemo)
            {
                mycn = mycn && !(CounterRandom.Uniform(key, StreamInhibitMycn) < ctx.InhibitMycn);
                jab1 = jab1 && !(CounterRandom.Uniform(key, StreamInhibitJab1) < ctx.InhibitJab1);
                tep1 = tep1 && !(CounterRandom.Uniform(key, StreamInhibitTep1) < ctx.InhibitTep1);
            }

            // DNA damage activates CHK1 (checkpoint, repair) and p53; JAB1 halves p53 (it exports p53 for degradation).
            chk1 = damaged && CounterRandom.Uniform(key, StreamChk1) < p.Chk1Activation;
            p53 = damaged && CounterRandom.Uniform(key, StreamP53) < p.P53Activation * (jab1 ? 0.5 : 1.0);
            hif = hypoxic && CounterRandom.Uniform(key, StreamHif) < p.HifActivation;
            if (ctx.Chemo)
            {
                chk1 = chk1 && !(CounterRandom.Uniform(key, StreamInhibitChk1) < ctx.InhibitChk1);
                p53 = p53 && !(CounterRandom.Uniform(key, StreamInhibitP53) < ctx.InhibitP53);
                hif = hif && !(CounterRandom.Uniform(key, StreamInhibitHif) < ctx.InhibitHif);
            }

            vegf = hif && CounterRandom.Uniform(key, StreamVegf) < p.VegfActivation;
        }

        var p21 = p53 || p73;
        var pathways = (ushort)((mycn ? (int)PathwaySpecies.Mycn : 0)
            | (ras ? (int)PathwaySpecies.MapkRas : 0)
            | (p53 ? (int)PathwaySpecies.P53 : 0)
            | (p73 ? (int)PathwaySpecies.P73 : 0)
            | (hif ? (int)PathwaySpecies.Hif : 0)
            | (chk1 ? (int)PathwaySpecies.Chk1 : 0)
            | (jab1 ? (int)PathwaySpecies.Jab1 : 0)
            | (vegf ? (int)PathwaySpecies.Vegf : 0)
            | (tep1 ? (int)PathwaySpecies.Tep1 : 0)
            | (alt ? (int)PathwaySpecies.Alt : 0)
            | (p21 ? (int)PathwaySpecies.P21 : 0));
        _store.Pathways[i] = pathways;

        var phase = (CyclePhase)_store.Phase[i];
        if (p.Has(MicroProcesses.DnaDamage))
        {
            if (damaged && chk1 && CounterRandom.Uniform(key, StreamRepair) < p.DnaRepairWithChk1)
            {
                damaged = false;
            }

            if (hypoxic && CounterRandom.Uniform(key, StreamHypoxicDamage) < p.HypoxicDnaDamage)
            {
                damaged = true;
            }

            if (ctx.Chemo && phase == CyclePhase.S && CounterRandom.Uniform(key, StreamChemoDamage) < p.ChemoSPhaseDamage)
            {
                damaged = true;
            }
        }

        _store.Flags[i] = (byte)((damaged ? AgentStore.Damaged : 0) | (hypoxic ? AgentStore.Hypoxic : 0));

        if (p.Has(MicroProcesses.Apoptosis))
        {
            // Signals come from damage sensed by p53/p73, or from damaged cells in mitosis without CHK1
            // (mitotic catastrophe: the route by which CHK1 inhibitors kill); they fade when the cause is gone.
            var cause = damaged && (p53 || p73 || (phase == CyclePhase.M && !chk1));
            var signals = _store.ApoptoticSignals[i];
            if (cause)
            {
                if (CounterRandom.Uniform(key, StreamApoptosis) < p.ApoptoticSignalGain)
                {
                    signals++;
                }
            }
            else if (signals > 0 && CounterRandom.Uniform(key, StreamApoptosis) < p.SignalDecay)
            {
                signals--;
            }

            _store.ApoptoticSignals[i] = signals;
            if (signals >= p.ApoptoticSignalThreshold)
            {
                _store.Fate[i] = (byte)CellFate.Apoptotic;
                return false;
            }
        }

        if (p.Has(MicroProcesses.Necrosis))
        {
            var signals = _store.NecroticSignals[i];
            if (hypoxic)
            {
                if (CounterRandom.Uniform(key, StreamNecrosis) < p.NecroticSignalGain * (hif ? 0.5 : 1.0))
                {
                    signals++;
                }
            }
            else if (signals > 0 && CounterRandom.Uniform(key, StreamNecrosis) < p.SignalDecay)
            {
                signals--;
            }

            _store.NecroticSignals[i] = signals;
            if (signals >= p.NecroticSignalThreshold)
            {
                _store.Fate[i] = (byte)CellFate.Necrotic;
                return false;
            }
        }

        var differentiation = _store.Differentiation[i];
        var differentiating = p.Has(MicroProcesses.Differentiation);
        if (differentiating && neuroblast)
        {
            // Schwann cells secrete differentiation signals; MYCN blocks their effect.
            var gain = p.DifferentiationRate * ctx.SchwannAliveFraction * (mycn ? p.DifferentiationMycnFactor : 1.0);
            differentiation = (float)Math.Min(1.0, differentiation + gain);
            _store.Differentiation[i] = differentiation;
        }

        if (!p.Has(MicroProcesses.Cycling))
        {
            return false;
        }

        if (phase == CyclePhase.G0)
        {
            var senescent = p.Has(MicroProcesses.Telomeres) && _store.Telomere[i] <= p.TelomereSenescent;
            var arrested = p21 || (damaged && chk1);
            if (senescent || arrested)
            {
                return false;
            }

            double enter;
            if (neuroblast)
            {
                enter = p.CycleProbabilityNeuroblast;
                if (p.Has(MicroProcesses.Pathways))
                {
                    enter *= (1 + p.MycnCycleBoost * (mycn ? 1 : 0)) / (1 + p.MycnCycleBoost * p.MycnActivation);
                    enter *= (1 + p.MapkCycleBoost * (ras ? 1 : 0)) / (1 + p.MapkCycleBoost * p.MapkActivation);
                }

                if (differentiating)
                {
                    enter *= 1 - differentiation;
                }
            }
            else
            {
                enter = p.CycleProbabilitySchwann;
            }

            if (CounterRandom.Uniform(key, StreamCycle) < enter)
            {
                _store.Phase[i] = (byte)CyclePhase.G1;
                _store.PhaseHours[i] = 0;
            }

            return false;
        }

        // Checkpoints: a damaged cell with CHK1 on holds in G1 or G2 while it repairs.
        if (damaged && chk1 && (phase == CyclePhase.G1 || phase == CyclePhase.G2))
        {
            return false;
        }

        var hours = (byte)(_store.PhaseHours[i] + 1);
        if (hours < _phaseHours[(int)phase])
        {
            _store.PhaseHours[i] = hours;
            return false;
        }

        _store.PhaseHours[i] = 0;
        if (phase != CyclePhase.M)
        {
            _store.Phase[i] = (byte)(phase + 1);
            return false;
        }

        // Division: parent and daughter both restart in G0; without TEP1 or ALT each loses one telomere unit.
        _store.Phase[i] = (byte)CyclePhase.G0;
        if (p.Has(MicroProcesses.Telomeres) && !(tep1 || alt) && _store.Telomere[i] > 0)
        {
            _store.Telomere[i]--;
        }

        return true;
    }

    private void MergeBirthsAndRemovals(int chunks)
    {
        var births = _totals[StatBirths];
        if (births > 0)
        {
            _store.EnsureCapacity((int)(_store.Count + births));
            var write = _store.Count;
            for (var c = 0; c < chunks; c++)
            {
                var count = (int)_chunkStats[c * StatWidth + StatBirths];
                var buffer = _births[c];
                for (var b = 0; b < count; b++)
                {
                    _store.Copy(buffer[b], write);
                    _store.Id[write] = _nextId++;
                    write++;
                }
            }

            _store.Count = write;
        }

        if (_totals[StatRemoved] > 0)
        {
            var fate = _store.Fate;
            _store.Compact(i => fate[i] != (byte)CellFate.Lysed);
        }
    }

    private void UpdateEnvironment()
    {
        var present = PresentAgents;
        var alive = AliveAgents;
        if (_p.Has(MicroProcesses.Oxygen))
        {
            // Well-mixed oxygen with a vasculature that does not grow with the cells unless VEGF drives it:
            //   dO2/dt = k_s W (O2_in - O2) - k_c (N_alive / N_alive,0) O2,   dW/dt = k_a f_VEGF W,  W(0) = 1,
            // so a region that outgrows its supply turns hypoxic, and HIF -> VEGF slowly restores it.
            var vegf = alive > 0 ? (double)_totals[StatVegf] / alive : 0.0;
            var load = _startAlive > 0 ? alive * Scale / _startAlive : 0.0;
            _vasculature *= 1 + _p.AngiogenesisRate * vegf;
            var next = Oxygen + _p.OxygenSupplyRate * _vasculature * (_input.Oxygen - Oxygen) - _p.OxygenConsumptionRate * load * Oxygen;
            Oxygen = Math.Clamp(next, 0.0, 1.0);
        }

        if (_p.Has(MicroProcesses.Matrix))
        {
            // dM/dt = k_p f_SC (1 - M) - k_d M: living Schwann cells lay down matrix, which slowly turns over.
            var sc = present > 0 ? (double)_totals[StatCells + 3] / present : 0.0;
            var next = MatrixFraction + _p.MatrixProductionRate * sc * (1 - MatrixFraction) - _p.MatrixDegradationRate * MatrixFraction;
            MatrixFraction = Math.Clamp(next, 0.0, 0.95);
        }
    }

    /// <summary>
    /// Keeps the agent count bounded: above twice the cap, each agent survives a fair coin (by its own
    /// counter-based draw) and the scale grows by the exact ratio before/after, so the represented
    /// cell count is preserved and the fractions are preserved in expectation.
    /// </summary>
    private void ThinIfOverCap()
    {
        if (_store.Count <= 2L * _input.AgentCap)
        {
            return;
        }

        var before = _store.Count;
        var ids = _store.Id;
        var step = Hour;
        _store.Compact(i => CounterRandom.Uniform(CounterRandom.Key(_seedHash, ids[i], step), StreamThin) < 0.5);
        if (_store.Count == 0)
        {
            return;
        }

        Scale *= (double)before / _store.Count;
        Recount();
    }

    private void Recount()
    {
        Array.Clear(_totals);
        for (var i = 0; i < _store.Count; i++)
        {
            var fate = _store.Fate[i];
            _totals[StatCells + _store.Kind[i] * 3 + fate]++;
            if (fate == (byte)CellFate.Alive)
            {
                if ((_store.Pathways[i] & (ushort)PathwaySpecies.Vegf) != 0)
                {
                    _totals[StatVegf]++;
                }

                if ((_store.Flags[i] & AgentStore.Hypoxic) != 0)
                {
                    _totals[StatHypoxic]++;
                }
            }
        }
    }

    private MicroStatistics ComputeStatistics()
    {
        double n = 0, tel = 0, tel2 = 0, apo = 0, apo2 = 0, nec = 0, nec2 = 0;
        double nb = 0, diff = 0, diff2 = 0;
        for (var i = 0; i < _store.Count; i++)
        {
            if (_store.Fate[i] != (byte)CellFate.Alive)
            {
                continue;
            }

            n++;
            double t = _store.Telomere[i];
            double a = _store.ApoptoticSignals[i];
            double c = _store.NecroticSignals[i];
            tel += t;
            tel2 += t * t;
            apo += a;
            apo2 += a * a;
            nec += c;
            nec2 += c * c;
            if (_store.Kind[i] == (byte)CellKind.Neuroblast)
            {
                double d = _store.Differentiation[i];
                nb++;
                diff += d;
                diff2 += d * d;
            }
        }

        static (double Mean, double Sd) MeanSd(double count, double sum, double sumSquares)
        {
            if (count == 0)
            {
                return (0, 0);
            }

            var mean = sum / count;
            return (mean, Math.Sqrt(Math.Max(0, sumSquares / count - mean * mean)));
        }

        var (tm, ts) = MeanSd(n, tel, tel2);
        var (dm, ds) = MeanSd(nb, diff, diff2);
        var (am, asd) = MeanSd(n, apo, apo2);
        var (nm, nsd) = MeanSd(n, nec, nec2);
        return new MicroStatistics(tm, ts, dm, ds, am, asd, nm, nsd);
    }

    private struct StepContext
    {
        public int Step;
        public double HypoxiaProbability;
        public bool Chemo;
        public double InhibitChk1;
        public double InhibitJab1;
        public double InhibitHif;
        public double InhibitMycn;
        public double InhibitTep1;
        public double InhibitP53;
        public double SchwannAliveFraction;
        public double MycnActivation;
        public double MapkActivation;
        public double Tep1Activation;
        public double AltActivation;
    }
}
