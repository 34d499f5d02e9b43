using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Coupling;

public sealed class MacroWindowTests
{
    private static byte[] Document(string task, string stepId, long seed, JsonNode parameters)
        => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schema"] = "primage.step/1",
            ["stepId"] = stepId,
            ["task"] = task,
            ["seed"] = seed,
            ["parameters"] = parameters,
        });

    [Fact]
    public void ProliferationInvasionAdapter_WithoutGrowth_ConservesTumourMass_AndSetsOxygenAndExposure()
    {
        var fields = CoupledRunFixture.InitialFields();
        var advanced = new ProliferationInvasionMacroWindowModel(diffusionMm2PerDay: 0.05).Advance(fields, 0, 336, 1);

        // Pure diffusion with no-flux tissue boundaries conserves sum(u) to round-off.
        Assert.Equal(fields.Density.Sum(), advanced.Density.Sum(), 9);
        Assert.NotEqual(fields.Density, advanced.Density);
        for (var v = 0; v < advanced.VoxelCount; v++)
        {
            if (!advanced.Tissue[v])
            {
                Assert.Equal(0, advanced.Density[v]);
                continue;
            }

            Assert.Equal(0.6 * (1 - 0.6 * advanced.Density[v]), advanced.Oxygen[v], 12);
            Assert.Equal(1 - 0.4 * advanced.Density[v], advanced.DrugExposure[v], 12);
        }
    }

    [Fact]
    public void MacroWindowStep_ThroughTheStepRunner_EqualsTheDirectAdapter()
    {
        var parameters = new MacroWindowParameters(CoupledRunFixture.InitialFields(), 0, 336);
        var input = Document("macro-window", "t/w0/macro", 5, JsonSerializer.SerializeToNode(parameters, MicroJson.Options)!);
        var output = JsonNode.Parse(StepRunner.Run(input, includeTimings: false, CancellationToken.None))!;
        var direct = parameters.Model().Advance(parameters.Fields, 0, 336, 5);
        Assert.Equal(
            JsonSerializer.Serialize(direct, MicroJson.Options),
            output["result"]!.ToJsonString(MicroJson.Options));
    }

    [Fact]
    public void MacroWindowStep_RejectsMismatchedArrays_NamingTheField()
    {
        var fields = CoupledRunFixture.InitialFields() with { Oxygen = [0.5] };
        var json = JsonSerializer.SerializeToElement(new MacroWindowParameters(fields, 0, 336), MicroJson.Options);
        var error = Assert.Throws<StepInputException>(() => new MacroWindowStepTask().Execute(json, 1, CancellationToken.None));
        Assert.Equal("parameters.fields.oxygen", error.Field);
    }

    [Fact]
    public void CoupledFlowOverTheMacroModel_DispatchedStepByStep_EqualsInProcess()
    {
        var config = new MultiscaleConfig(
            Windows: 2, Genetics: new NeuroblastomaGenetics(MycnAmplified: true), Histology: HistologyGrade.NeuroblastomaUndifferentiated,
            ChemoWindows: ChemoSchedules.RapidCojec(), Seed: 8, Regions: 4, AgentCapPerRegion: 500);
        var settings = new MacroWindowParameters(CoupledRunFixture.InitialFields(), 0, config.WindowHours);
        var flow = new MultiscaleFlow(config, settings.Model());
        var initial = flow.Initialise(settings.Fields);
        var inProcess = InProcessMultiscaleRunner.Run(flow, initial);

        var state = MultiscaleFlow.DeserialiseState(MultiscaleFlow.SerialiseState(initial));
        while (!flow.IsFinished(state))
        {
            // Macro window as its own step, then particularisation, micro fan-out and homogenisation.
            var macroParameters = settings with { Fields = state.Fields, StartHour = flow.WindowStartHour(state) };
            var macroInput = Document("macro-window", $"t/w{state.NextWindow}/macro", flow.MacroSeed(state),
                JsonSerializer.SerializeToNode(macroParameters, MicroJson.Options)!);
            var macroOutput = JsonNode.Parse(StepRunner.Run(macroInput, includeTimings: false, CancellationToken.None))!;
            var advanced = macroOutput["result"].Deserialize<MacroFields>(MicroJson.Options)!;
            var plan = flow.Particularise(state, advanced);
            var outputs = MultiscaleFlow.MicroStepInputs("t", plan)
                .Select(doc => MicroStepDocuments.ParseOutputDocument(StepRunner.Run(doc, includeTimings: false, CancellationToken.None)))
                .ToList();
            state = MultiscaleFlow.DeserialiseState(MultiscaleFlow.SerialiseState(flow.CompleteWindow(state, plan, outputs)));
        }

        Assert.Equal(2, state.History.Count);
        Assert.Equal(
            Convert.ToHexString(MultiscaleFlow.SerialiseState(inProcess)),
            Convert.ToHexString(MultiscaleFlow.SerialiseState(state)));
    }
}
