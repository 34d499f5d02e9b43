using System.Text.Json;
using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Coupling;

/// <summary>
/// One coupled neuroblastoma run of 8 windows (16 weeks) under rapid COJEC on an 8^3 grid of 1-mm voxels,
/// K = 4 regions of at most 2,000 agents, computed twice: in process, and step by step as an orchestrator
/// would (state and plan through JSON at every boundary, a fresh flow object per window as after a
/// restart, each micro step as an input document).
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
        Flow = new MultiscaleFlow(Config, new TransportMacroWindowModel());
        Initial = Flow.Initialise(InitialFields());
        InProcess = InProcessMultiscaleRunner.Run(Flow, Initial);
        (Dispatched, Documents, UsedStepRunner) = RunStepByStep();
    }

    public MultiscaleConfig Config { get; }

    public MultiscaleFlow Flow { get; }

    public MultiscaleState Initial { get; }

    public MultiscaleState InProcess { get; }

    public MultiscaleState Dispatched { get; }

    public int Documents { get; }

    public bool UsedStepRunner { get; }

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

    private (MultiscaleState State, int Documents, bool UsedStepRunner) RunStepByStep()
    {
        var state = MultiscaleFlow.DeserialiseState(MultiscaleFlow.SerialiseState(Initial));
        var documents = 0;
        var usedRunner = true;
        var task = new MicroStepTask();
        while (!Flow.IsFinished(state))
        {
            // A fresh flow object per window, as after an orchestrator restart: nothing survives but the JSON.
            var flow = new MultiscaleFlow(Config, new TransportMacroWindowModel());
            var plan = MultiscaleFlow.DeserialisePlan(MultiscaleFlow.SerialisePlan(flow.BeginWindow(state)));
            var outputs = new List<MicroRegionOutput>();
            foreach (var input in MultiscaleFlow.MicroStepInputs("nb-test", plan))
            {
                documents++;
                byte[] output;
                try
                {
                    output = StepRunner.Run(input, includeTimings: false, CancellationToken.None);
                }
                catch (NotImplementedException)
                {
                    // The runner is filled in by concurrent work; until then dispatch through the task itself,
                    // exactly as the runner will: parse the document, execute, wrap the result.
                    usedRunner = false;
                    using var document = JsonDocument.Parse(input);
                    var root = document.RootElement;
                    var result = task.Execute(root.GetProperty("parameters"), root.GetProperty("seed").GetInt64(), CancellationToken.None);
                    output = JsonSerializer.SerializeToUtf8Bytes(new { result });
                }

                outputs.Add(MicroStepDocuments.ParseOutputDocument(output));
            }

            state = flow.CompleteWindow(state, plan, outputs);
            state = MultiscaleFlow.DeserialiseState(MultiscaleFlow.SerialiseState(state));
        }

        return (state, documents, usedRunner);
    }
}
