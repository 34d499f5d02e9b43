using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Coupling;

/// <summary>
/// One coupled neuroblastoma run of 8 windows (16 weeks) under rapid COJEC on an 8^3 grid of 1-mm voxels,
/// K = 4 regions of at most 2,000 agents, over the proliferation-invasion macro adapter, computed twice: in
/// process, and step by step as an orchestrator would (state and plan through JSON at every boundary, a
/// fresh flow object per window as after a restart, every step as an input document through the runner:
/// "multiscale-begin", the K "micro" steps, "multiscale-complete"). The same run without chemotherapy is
/// the control for what COJEC does.
/// </summary>
public sealed class CoupledRunFixture
{
    public CoupledRunFixture()
    {
        Config = new MultiscaleConfig(
            Windows: 8,
            Genetics: new NeuroblastomaGenetics(MycnAmplified: true),
            Histology: HistologyGrade.NeuroblastomaPoorlyDifferentiated,
            ChemoWindows: ChemoSchedules.RapidCojec(),
            Seed: 2026,
            Regions: 4,
            AgentCapPerRegion: 2000);
        Flow = new MultiscaleFlow(Config, Macro.Model());
        Initial = Flow.Initialise(InitialFields());
        InProcess = InProcessMultiscaleRunner.Run(Flow, Initial);
        Untreated = InProcessMultiscaleRunner.Run(new MultiscaleFlow(Config with { ChemoWindows = [] }, Macro.Model()), Initial);
        (Dispatched, Documents) = RunStepByStep();
    }

    /// <summary>The proliferation-invasion adapter's default settings (D = 0.01 mm^2/day, rho = 0).</summary>
    public MacroWindowSettings Macro { get; } = new();

    public MultiscaleConfig Config { get; }

    public MultiscaleFlow Flow { get; }

    public MultiscaleState Initial { get; }

    public MultiscaleState InProcess { get; }

    /// <summary>The same run without chemotherapy.</summary>
    public MultiscaleState Untreated { get; }

    public MultiscaleState Dispatched { get; }

    /// <summary>Step documents run by the step-by-step dispatch (begin, micro and complete).</summary>
    public int Documents { get; }

    internal static MacroFields InitialFields()
    {
        const int n = 8;
        var count = n * n * n;
        var fields = new MacroFields(n, n, n, 1.0, new double[count], new double[count], new double[count], new double[count],
            new double[6 * count], new bool[count]);
        for (var z = 0; z < n; z++)
        {
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var v = fields.Index(x, y, z);
                    var r = Math.Sqrt(Math.Pow(x - 3.5, 2) + Math.Pow(y - 3.5, 2) + Math.Pow(z - 3.5, 2));
                    fields.Tissue[v] = r <= 4.0;
                    fields.Density[v] = r <= 1.8 ? 0.8 : r <= 2.8 ? 0.3 : 0.0;
                    fields.Oxygen[v] = 0.6;
                }
            }
        }

        return fields;
    }

    private (MultiscaleState State, int Documents) RunStepByStep()
    {
        var state = MultiscaleFlow.DeserialiseState(MultiscaleFlow.SerialiseState(Initial));
        var documents = 0;
        while (!Flow.IsFinished(state))
        {
            // Nothing survives a window boundary but the JSON documents, as after an orchestrator restart.
            var begin = MultiscaleStepDocuments.BuildBeginInput($"nb-test/w{state.NextWindow}/begin", Config, Macro, state);
            var plan = MultiscaleStepDocuments.ParsePlan(MultiscaleStepDocuments.Result(Run(begin)));
            var outputs = MultiscaleFlow.MicroStepInputs("nb-test", plan)
                .Select(input => MicroStepDocuments.ParseOutputDocument(Run(input)))
                .ToList();
            var complete = MultiscaleStepDocuments.BuildCompleteInput($"nb-test/w{state.NextWindow}/complete", Config, state, plan, outputs);
            state = MultiscaleStepDocuments.ParseState(MultiscaleStepDocuments.Result(Run(complete)));
            documents += 2 + outputs.Count;
        }

        return (state, documents);
    }

    private static byte[] Run(byte[] input) => StepRunner.Run(input, includeTimings: false, CancellationToken.None);
}
