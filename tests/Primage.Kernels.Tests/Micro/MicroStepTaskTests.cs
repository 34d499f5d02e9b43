using System.Text.Json;
using Primage.Kernels.Micro;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Micro;

public sealed class MicroStepTaskTests
{
    private const string Valid = """
        {
          "volumeMm3": 0.5, "oxygen": 0.6, "agentCap": 500, "hours": 24,
          "genetics": { "mycnAmplified": true, "alk": "mutated", "tertRearranged": false, "atrxAltered": false },
          "histology": "neuroblastoma-undifferentiated",
          "cellularity": { "nbAlive": 0.8, "nbApoptotic": 0.05, "nbNecrotic": 0.05, "scAlive": 0.1, "scApoptotic": 0, "scNecrotic": 0 },
          "chemoWindows": [ { "startHour": 0, "endHour": 12, "chk1": 0.5, "jab1": 0.5, "hif": 0.2, "mycn": 0.5, "tep1": 0.5, "p53": 0 } ]
        }
        """;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Execute_ReturnsTheModelOutput_ForTheSameSeed()
    {
        var task = new MicroStepTask();
        Assert.Equal("micro", task.Name);
        var result = task.Execute(Parse(Valid), 42, CancellationToken.None);
        var direct = MicroModel.Run(MicroStepTask.Parse(Parse(Valid)), MicroParameters.Default, 42);
        Assert.Equal(JsonSerializer.Serialize(direct, MicroJson.Options), result.ToJsonString(MicroJson.Options));
        Assert.True(result["volumeRatio"]!.GetValue<double>() > 0);
        Assert.Equal(direct.CellCount, result["cellCount"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("\"oxygen\": 0.6", "\"oxygen\": 1.5", "parameters.oxygen")]
    [InlineData("\"agentCap\": 500", "\"agentCap\": 0", "parameters.agentCap")]
    [InlineData("\"nbAlive\": 0.8", "\"nbAlive\": 0.9", "parameters.cellularity")]
    [InlineData("\"nbApoptotic\": 0.05", "\"nbApoptotic\": -0.05", "parameters.cellularity.nbApoptotic")]
    [InlineData("\"endHour\": 12", "\"endHour\": -1", "parameters.chemoWindows[0].endHour")]
    [InlineData("\"chk1\": 0.5", "\"chk1\": 2", "parameters.chemoWindows[0].chk1")]
    [InlineData("\"alk\": \"mutated\"", "\"alk\": \"sideways\"", "parameters.genetics.alk")]
    [InlineData("\"volumeMm3\": 0.5", "\"volumeMm3\": \"big\"", "parameters.volumeMm3")]
    public void InvalidParameters_ThrowStepInputException_NamingTheField(string from, string to, string field)
    {
        var json = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);
        var error = Assert.Throws<StepInputException>(() => new MicroStepTask().Execute(Parse(json), 1, CancellationToken.None));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void UnknownField_IsRejected()
    {
        var json = Valid.Replace("\"oxygen\"", "\"oxygenn\"", StringComparison.Ordinal);
        var error = Assert.Throws<StepInputException>(() => new MicroStepTask().Execute(Parse(json), 1, CancellationToken.None));
        Assert.StartsWith("parameters", error.Field, StringComparison.Ordinal);
    }
}
