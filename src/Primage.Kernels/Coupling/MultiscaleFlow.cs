using System.Text.Json;
using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The coupled prediction flow as pure steps, for an orchestrator to schedule:
/// <code>
/// state(w) --BeginWindow--> plan(w)  (macro window step, then particularisation into K regions)
/// plan(w)  --MicroStepInputs--> K independent "micro" step documents (run anywhere, in any order)
/// plan(w) + K outputs --CompleteWindow--> state(w+1)  (homogenisation; appends the window summary)
/// </code>
/// State and plan serialise to JSON, so a restarted orchestrator resumes from the last finished
/// window (or from a persisted plan whose micro steps are still running). Every seed derives from
/// the run seed, the window and the region, so a resumed run repeats the uninterrupted one exactly.
/// </summary>
public sealed class MultiscaleFlow
{
    private readonly IMacroWindowModel _macro;

    public MultiscaleFlow(MultiscaleConfig config, IMacroWindowModel macro)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(config.Windows);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.Regions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.WindowHours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.AgentCapPerRegion, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(config.AgentCapPerRegion, MicroModel.MaxAgentCap);
        ArgumentOutOfRangeException.ThrowIfNegative(config.KMeansIterations);
        Config = config;
        _macro = macro;
    }

    public MultiscaleConfig Config { get; }

    /// <summary>
    /// The state before the first window. Tumour voxels without cellularity start from the histology
    /// (Schwann-cell fraction at the centre of its range, all alive).
    /// </summary>
    public MultiscaleState Initialise(MacroFields initial)
    {
        var fields = initial.DeepCopy();
        var sc = HistologyDefaults.SchwannFraction(Config.Histology);
        for (var v = 0; v < fields.VoxelCount; v++)
        {
            var cell = fields.Cellularity.AsSpan(6 * v, 6);
            var sum = cell[0] + cell[1] + cell[2] + cell[3] + cell[4] + cell[5];
            if (sum <= 0 && fields.Density[v] > 0)
            {
                cell[0] = 1 - sc;
                cell[3] = sc;
            }
        }

        var n = fields.VoxelCount;
        return new MultiscaleState(0, fields, false, new double[n], new double[n], new double[n], new double[n], new bool[n], []);
    }

    public bool IsFinished(MultiscaleState state) => state.NextWindow >= Config.Windows;

    /// <summary>The macro window step and particularisation of the next window.</summary>
    public WindowPlan BeginWindow(MultiscaleState state)
    {
        if (IsFinished(state))
        {
            throw new InvalidOperationException("every window has run");
        }

        var advanced = _macro.Advance(state.Fields, WindowStartHour(state), Config.WindowHours, MacroSeed(state));
        return Particularise(state, advanced);
    }

    /// <summary>Hour on the run's clock at which the next window starts.</summary>
    public double WindowStartHour(MultiscaleState state) => (double)state.NextWindow * Config.WindowHours;

    /// <summary>The seed of the next window's macro step (for a dispatched "macro-window" step).</summary>
    public long MacroSeed(MultiscaleState state) => CounterRandom.Derive(Config.Seed, state.NextWindow, -2);

    /// <summary>
    /// Particularisation alone, for an orchestrator that ran the macro window as its own step
    /// ("macro-window") and holds the advanced fields.
    /// </summary>
    public WindowPlan Particularise(MultiscaleState state, MacroFields advanced) => Particularisation.Plan(Config, state, advanced);

    /// <summary>The K micro step input documents of a plan.</summary>
    public static IReadOnlyList<byte[]> MicroStepInputs(string runId, WindowPlan plan) => MicroStepDocuments.BuildInputs(runId, plan);

    /// <summary>Homogenisation: the next state from the plan and the K region outputs (in region order).</summary>
    public MultiscaleState CompleteWindow(MultiscaleState state, WindowPlan plan, IReadOnlyList<MicroRegionOutput> outputs)
        => Homogenisation.Apply(Config, state, plan, outputs);

    public static byte[] SerialiseState(MultiscaleState state) => JsonSerializer.SerializeToUtf8Bytes(state, MicroJson.Options);

    public static MultiscaleState DeserialiseState(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize<MultiscaleState>(json, MicroJson.Options) ?? throw new JsonException("empty state");

    public static byte[] SerialisePlan(WindowPlan plan) => JsonSerializer.SerializeToUtf8Bytes(plan, MicroJson.Options);

    public static WindowPlan DeserialisePlan(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize<WindowPlan>(json, MicroJson.Options) ?? throw new JsonException("empty plan");
}
