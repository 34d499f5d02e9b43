using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Coupling;

/// <summary>
/// The "multiscale-begin" and "multiscale-complete" steps through the runner give the flow's own results byte
/// for byte (over two windows, so the second begins from a homogenised state with previous statistics), and
/// reject malformed inputs naming the field.
/// </summary>
public sealed class MultiscaleStepTasksTests
{
    private static readonly MultiscaleConfig Config = new(
        Windows: 2, Genetics: new NeuroblastomaGenetics(MycnAmplified: true, Alk: AlkStatus.Mutated),
        Histology: HistologyGrade.NeuroblastomaUndifferentiated, ChemoWindows: ChemoSchedules.RapidCojec(), Seed: 17,
        Regions: 3, AgentCapPerRegion: 300);

    private static readonly MacroWindowSettings Macro = new(DiffusionMm2PerDay: 0.05);

    private static byte[] Run(byte[] input) => StepRunner.Run(input, includeTimings: false, CancellationToken.None);

    private static MultiscaleState Initial() => new MultiscaleFlow(Config, Macro.Model()).Initialise(CoupledRunFixture.InitialFields());

    [Fact]
    public void BeginAndCompleteSteps_ThroughTheRunner_EqualTheFlowsOwnCalls_ByteForByte()
    {
        var flow = new MultiscaleFlow(Config, Macro.Model());
        var state = Initial();
        while (!flow.IsFinished(state))
        {
            var direct = flow.BeginWindow(state);
            var plan = MultiscaleStepDocuments.ParsePlan(MultiscaleStepDocuments.Result(
                Run(MultiscaleStepDocuments.BuildBeginInput($"t/w{state.NextWindow}/begin", Config, Macro, state))));
            Assert.Equal(MultiscaleFlow.SerialisePlan(direct), MultiscaleFlow.SerialisePlan(plan));
            Assert.Equal(3, plan.Regions.Count);

            var outputs = direct.Regions.Select((r, k) => MicroModel.Run(r, MicroParameters.Default, direct.Seeds[k])).ToList();
            var next = flow.CompleteWindow(state, direct, outputs);
            var dispatched = MultiscaleStepDocuments.ParseState(MultiscaleStepDocuments.Result(
                Run(MultiscaleStepDocuments.BuildCompleteInput($"t/w{state.NextWindow}/complete", Config, state, plan, outputs))));
            Assert.Equal(MultiscaleFlow.SerialiseState(next), MultiscaleFlow.SerialiseState(dispatched));
            state = next;
        }

        Assert.Equal(2, state.History.Count);
        Assert.True(state.HasPrevious);
    }

    [Fact]
    public void StepDocuments_AreAPureFunctionOfTheirArguments_AndCarryTheMacroSeed()
    {
        var state = Initial();
        var a = MultiscaleStepDocuments.BuildBeginInput("s", Config, Macro, state);
        var b = MultiscaleStepDocuments.BuildBeginInput("s", Config, Macro, MultiscaleFlow.DeserialiseState(MultiscaleFlow.SerialiseState(state)));
        Assert.Equal(a, b);
        var envelope = JsonNode.Parse(a)!;
        Assert.Equal("multiscale-begin", envelope["task"]!.GetValue<string>());
        Assert.Equal(new MultiscaleFlow(Config, Macro.Model()).MacroSeed(state), envelope["seed"]!.GetValue<long>());
    }

    public static TheoryData<string, string, string> BadBeginInputs() => new()
    {
        { "no config", "config", "parameters.config" },
        { "regions 0", "config.regions=0", "parameters.config.regions" },
        { "unknown histology", "config.histology=\"carcinoma\"", "parameters.config.histology" },
        { "negative diffusion", "macro.diffusionMm2PerDay=-1", "parameters.macro.diffusionMm2PerDay" },
        { "short oxygen", "state.fields.oxygen=[0.5]", "parameters.state.fields.oxygen" },
        { "short telomeres", "state.telomereMean=[]", "parameters.state.telomereMean" },
        { "density above 1", "state.fields.density[3]=1.5", "parameters.state.fields.density[3]" },
        { "run finished", "config.windows=0", "parameters.state.nextWindow" },
        { "history not matching", "state.nextWindow=1", "parameters.state.history" },
    };

    [Theory]
    [MemberData(nameof(BadBeginInputs))]
    public void BeginStep_RejectsMalformedInput_NamingTheField(string why, string edit, string field)
    {
        var document = JsonNode.Parse(MultiscaleStepDocuments.BuildBeginInput("bad", Config, Macro, Initial()))!;
        Apply(document["parameters"]!.AsObject(), edit);
        var error = Assert.Throws<StepInputException>(() => Run(JsonSerializer.SerializeToUtf8Bytes(document)));
        Assert.True(field == error.Field, $"{why}: expected {field}, got {error.Field} ({error.Reason})");
    }

    public static TheoryData<string, string, string> BadCompleteInputs() => new()
    {
        { "no plan", "plan", "parameters.plan" },
        { "an output missing", "outputs.removeLast", "parameters.outputs" },
        { "output without cellularity", "outputs[0].cellularity", "parameters.outputs[0].cellularity" },
        { "ratio below -1", "outputs[1].volumeRatio=-2", "parameters.outputs[1].volumeRatio" },
        { "plan of another window", "plan.window=1", "parameters.plan.window" },
        { "assignment out of range", "plan.assignment[0]=7", "parameters.plan.assignment[0]" },
        { "seeds missing", "plan.seeds=[]", "parameters.plan.seeds" },
        { "unknown member", "plan.extra=1", "parameters.plan.extra" },
    };

    [Theory]
    [MemberData(nameof(BadCompleteInputs))]
    public void CompleteStep_RejectsMalformedInput_NamingTheField(string why, string edit, string field)
    {
        var state = Initial();
        var plan = new MultiscaleFlow(Config, Macro.Model()).BeginWindow(state);
        var outputs = plan.Regions.Select((r, k) => MicroModel.Run(r with { Hours = 24 }, MicroParameters.Default, plan.Seeds[k])).ToList();
        var document = JsonNode.Parse(MultiscaleStepDocuments.BuildCompleteInput("bad", Config, state, plan, outputs))!;
        Apply(document["parameters"]!.AsObject(), edit);
        var error = Assert.Throws<StepInputException>(() => Run(JsonSerializer.SerializeToUtf8Bytes(document)));
        Assert.True(field.Equals(error.Field, StringComparison.Ordinal) || error.Field.StartsWith(field, StringComparison.Ordinal),
            $"{why}: expected {field}, got {error.Field} ({error.Reason})");
    }

    /// <summary>"a.b=value" sets, "a.b" removes, "a.removeLast" drops an array's last element; "x[3]" indexes an array.</summary>
    private static void Apply(JsonObject parameters, string edit)
    {
        var (path, value) = edit.Contains('=', StringComparison.Ordinal)
            ? (edit[..edit.IndexOf('=', StringComparison.Ordinal)], edit[(edit.IndexOf('=', StringComparison.Ordinal) + 1)..])
            : (edit, null);
        var parts = path.Split('.');
        JsonNode node = parameters;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = Step(node, parts[i]);
        }

        var last = parts[^1];
        if (last == "removeLast")
        {
            var array = node.AsArray();
            array.RemoveAt(array.Count - 1);
        }
        else if (last.EndsWith(']'))
        {
            var name = last[..last.IndexOf('[', StringComparison.Ordinal)];
            var index = int.Parse(last[(last.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            node[name]![index] = JsonNode.Parse(value!);
        }
        else if (value is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = JsonNode.Parse(value);
        }
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        if (!part.EndsWith(']'))
        {
            return node[part]!;
        }

        var name = part[..part.IndexOf('[', StringComparison.Ordinal)];
        var index = int.Parse(part[(part.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[name]![index]!;
    }
}
