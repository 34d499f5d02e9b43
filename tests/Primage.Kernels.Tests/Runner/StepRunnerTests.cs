using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Runner;

public class StepRunnerTests
{
    private static byte[] Doc(string json) => Encoding.UTF8.GetBytes(json);

    private static JsonElement RunToJson(string json, bool timings = false)
        => JsonDocument.Parse(StepRunner.Run(Doc(json), timings, CancellationToken.None)).RootElement;

    private const string Echo = """{"schema":"primage.step/1","stepId":"step-1","task":"echo","seed":7,"parameters":{"value":{"x":[0.1,1e-300,-2.5e17,3],"s":"ü\n"}}}""";

    [Fact]
    public void Same_input_gives_byte_identical_output_without_timings()
    {
        var a = StepRunner.Run(Doc(Echo), includeTimings: false, CancellationToken.None);
        var b = StepRunner.Run(Doc(Echo), includeTimings: false, CancellationToken.None);
        Assert.Equal(a, b);
        Assert.DoesNotContain("timings", Encoding.UTF8.GetString(a), StringComparison.Ordinal);
    }

    [Fact]
    public void With_timings_outputs_differ_only_in_timings()
    {
        var a = JsonSerializer.SerializeToNode(RunToJson(Echo, timings: true))!.AsObject();
        var b = JsonSerializer.SerializeToNode(RunToJson(Echo, timings: true))!.AsObject();
        Assert.True(a["timings"]!["executeMs"]!.GetValue<double>() >= 0);
        a.Remove("timings");
        b.Remove("timings");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());

        // Removing "timings" gives exactly the document written without timings.
        var withoutTimings = JsonDocument.Parse(StepRunner.Run(Doc(Echo), false, CancellationToken.None)).RootElement;
        Assert.Equal(JsonSerializer.Serialize(withoutTimings), a.ToJsonString());
    }

    [Fact]
    public void Output_envelope_has_fixed_order_hash_and_version()
    {
        var output = RunToJson(Echo);
        var names = output.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["schema", "stepId", "task", "kernelVersion", "inputHash", "result"], names);
        Assert.Equal("primage.step-output/1", output.GetProperty("schema").GetString());
        Assert.Equal("step-1", output.GetProperty("stepId").GetString());
        Assert.Equal("echo", output.GetProperty("task").GetString());
        Assert.Equal(StepRunner.KernelVersion, output.GetProperty("kernelVersion").GetString());
        Assert.StartsWith("0.1.0", StepRunner.KernelVersion, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Doc(Echo))), output.GetProperty("inputHash").GetString());
    }

    [Fact]
    public void Computed_doubles_are_written_round_trippable()
    {
        // Utf8JsonWriter writes the shortest representation that parses back to the same bits,
        // with a '.' whatever the culture (the process runs with invariant globalization anyway).
        double[] values = [0.1, 1.0 / 3.0, Math.PI * 1e-200, 123456789.123456789, -0.0, double.Epsilon, double.MaxValue, 2.0 / 3.0 * 1e21];
        var result = new System.Text.Json.Nodes.JsonArray([.. values.Select(v => (System.Text.Json.Nodes.JsonNode)v)]);
        var input = new StepInput("d", "echo", 0, default);
        var bytes = StepOutputWriter.Write(input, "00", new System.Text.Json.Nodes.JsonObject { ["v"] = result }, null);
        var back = JsonDocument.Parse(bytes).RootElement.GetProperty("result").GetProperty("v").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Echo_returns_its_value()
    {
        var value = RunToJson(Echo).GetProperty("result").GetProperty("value");
        Assert.Equal(0.1, value.GetProperty("x")[0].GetDouble());
        Assert.Equal(-2.5e17, value.GetProperty("x")[2].GetDouble());
        Assert.Equal("ü\n", value.GetProperty("s").GetString());
    }

    [Fact]
    public void Spin_returns_requested_seconds_and_honours_cancellation()
    {
        var done = RunToJson("""{"schema":"primage.step/1","stepId":"s","task":"spin","seed":0,"parameters":{"seconds":0.01}}""");
        Assert.Equal(0.01, done.GetProperty("result").GetProperty("spun").GetDouble());

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => StepRunner.Run(
            Doc("""{"schema":"primage.step/1","stepId":"s","task":"spin","seed":0,"parameters":{"seconds":3600}}"""), false, cts.Token));
    }

    [Fact]
    public void Spin_stops_soon_after_cancellation_mid_run()
    {
        // The task is a diagnostic: a 1-hour spin cancelled after 50 ms must return with cancellation,
        // not run to the end (the test would time out if it did).
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.ThrowsAny<OperationCanceledException>(() => StepRunner.Run(
            Doc("""{"schema":"primage.step/1","stepId":"s","task":"spin","seed":0,"parameters":{"seconds":3600}}"""), false, cts.Token));
    }

    [Fact]
    public void Discovers_the_diagnostic_tasks()
    {
        Assert.Contains("echo", StepRunner.TaskNames);
        Assert.Contains("spin", StepRunner.TaskNames);
        Assert.Contains("pi3d", StepRunner.TaskNames);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "not json at all", "$", "not valid JSON" },
        { "", "$", "empty" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1,"parameters":{"value":1}""", "$", "not valid JSON" },
        { "[1,2,3]", "$", "expected a JSON object" },
        { """{"schema":"primage.step/2","stepId":"a","task":"echo","seed":1,"parameters":{}}""", "schema", "unsupported schema 'primage.step/2'" },
        { """{"stepId":"a","task":"echo","seed":1,"parameters":{}}""", "schema", "is required" },
        { """{"schema":1,"stepId":"a","task":"echo","seed":1,"parameters":{}}""", "schema", "expected a string, found a number" },
        { """{"schema":"primage.step/1","task":"echo","seed":1,"parameters":{}}""", "stepId", "is required" },
        { """{"schema":"primage.step/1","stepId":"","task":"echo","seed":1,"parameters":{}}""", "stepId", "must be 1 to 256" },
        { """{"schema":"primage.step/1","stepId":42,"task":"echo","seed":1,"parameters":{}}""", "stepId", "expected a string" },
        { """{"schema":"primage.step/1","stepId":"a","seed":1,"parameters":{}}""", "task", "is required" },
        { """{"schema":"primage.step/1","stepId":"a","task":"nope","seed":1,"parameters":{}}""", "task", "unknown task 'nope'" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","parameters":{}}""", "seed", "is required" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":"1","parameters":{}}""", "seed", "expected an integer, found a string" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1.5,"parameters":{}}""", "seed", "signed 64-bit" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1e30,"parameters":{}}""", "seed", "signed 64-bit" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1}""", "parameters", "is required" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1,"parameters":[1]}""", "parameters", "expected an object, found an array" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1,"parameters":{},"paramaters":{}}""", "paramaters", "unknown property" },
        { """{"schema":"primage.step/1","stepId":"a","stepId":"b","task":"echo","seed":1,"parameters":{}}""", "stepId", "more than once" },
        { """{"schema":"primage.step/1","stepId":"a","task":"echo","seed":1,"parameters":{}}""", "parameters.value", "is required" },
        { """{"schema":"primage.step/1","stepId":"a","task":"spin","seed":1,"parameters":{"seconds":"ten"}}""", "parameters.seconds", "expected a number, found a string" },
        { """{"schema":"primage.step/1","stepId":"a","task":"spin","seed":1,"parameters":{"seconds":-1}}""", "parameters.seconds", "must be between 0" },
        { """{"schema":"primage.step/1","stepId":"a","task":"spin","seed":1,"parameters":{"seconds":1,"extra":2}}""", "parameters.extra", "unknown parameter" },
        { """{"schema":"primage.step/1","stepId":"a","task":"pi3d","seed":1,"parameters":{"grid":[8,8],"voxelMm":1,"d":0.1,"rho":0.1,"v0Mm3":10,"horizonDays":1,"outputDays":[1]}}""", "parameters.grid", "3 integers" },
        { """{"schema":"primage.step/1","stepId":"a","task":"pi3d","seed":1,"parameters":{"grid":[8,8,8],"voxelMm":1,"d":0.1,"rho":0.1,"v0Mm3":10,"horizonDays":1,"outputDays":[2]}}""", "parameters.outputDays[0]", "horizonDays" },
        { """{"schema":"primage.step/1","stepId":"a","task":"pi3d","seed":1,"parameters":{"grid":[8,8,8],"voxelMm":1,"d":0.1,"rho":0.1,"horizonDays":1,"outputDays":[1]}}""", "parameters.v0Mm3", "exactly one of" },
        { """{"schema":"primage.step/1","stepId":"a","task":"pi3d","seed":1,"parameters":{"grid":[2,1,1],"voxelMm":1,"rho":0.1,"tissue":{"labels":[0,3],"dByLabel":[0.1,0.2]},"v0Mm3":1,"horizonDays":1,"outputDays":[1]}}""", "parameters.tissue.labels[1]", "between 0 and 1" },
        { """{"schema":"primage.step/1","stepId":"a","task":"pi3d","seed":1,"parameters":{"grid":[8,8,8],"voxelMm":1,"d":0.1,"rho":0.1,"v0Mm3":10,"horizonDays":10,"outputDays":[1],"therapy":{"radiotherapy":[{"startDay":0,"dosePerFractionGy":"2","fractions":5}]}}}""", "parameters.therapy.radiotherapy[0].dosePerFractionGy", "expected a number" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_documents_are_rejected_naming_the_field(string json, string field, string reason)
    {
        var e = Assert.Throws<StepInputException>(() => StepRunner.Run(Doc(json), false, CancellationToken.None));
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
