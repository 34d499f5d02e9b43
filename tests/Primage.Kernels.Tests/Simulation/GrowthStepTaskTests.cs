using System.Text.Json;
using Primage.Kernels.Growth;
using Primage.Kernels.Runner;
using Primage.Kernels.Simulation;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Tests.Simulation;

public sealed class GrowthStepTaskTests
{
    private const string Valid = """
        {
          "model": "gompertz", "parameters": [0.3, 0.04], "v0Ml": 12.5, "outputDays": [0, 7, 60, 120, 365],
          "response": { "alphaPerGy": 0.04, "alphaOverBetaGy": 10, "chemoSensitivity": 1.2 },
          "therapy": {
            "radiotherapy": [ { "startDay": 100, "dosePerFractionGy": 1.8, "fractions": 12, "fractionsPerWeek": 5, "startWeekday": 2 } ],
            "chemotherapy": [ { "regimen": "rapid-cojec", "startDay": 0, "cycles": 8, "cycleIntervalDays": 10 } ],
            "surgeries": [ { "day": 90, "resectedFraction": 0.9 } ]
          }
        }
        """;

    [Fact]
    public void ReturnsTheTumourCourseVolumesAtTheOutputDays()
    {
        var task = new GrowthStepTask();
        Assert.Equal("growth", task.Name);
        var result = task.Execute(Parse(Valid), 42, CancellationToken.None);
        var volumes = result["volumesMl"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

        var plan = new TherapyPlan(
            [new RadiotherapyCourse(100, 1.8, 12, 5, 2)], [new ChemotherapyCourse("rapid-cojec", 0, 8, 10)], [new SurgeryEvent(90, 0.9)]);
        var expected = new double[5];
        TumourCourse.Simulate(GrowthModels.Get("gompertz"), [0.3, 0.04], new TherapyResponse(0.04, 10, 1.2), CompiledTherapy.From(plan), 12.5, [0, 7, 60, 120, 365], expected);
        Assert.Equal(expected, volumes);
        Assert.Equal(12.5, volumes[0]);
    }

    [Fact]
    public void UntreatedCourseNeedsNoResponse()
    {
        var result = new GrowthStepTask().Execute(
            Parse("""{"model":"exponential","parameters":[0.01],"v0Ml":2,"outputDays":[0,100]}"""), 0, CancellationToken.None);
        Assert.Equal(2.0 * Math.E, result["volumesMl"]![1]!.GetValue<double>(), 1e-12);
    }

    [Theory]
    [InlineData("""{"model":"gompertzz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0]}""", "parameters.model")]
    [InlineData("""{"model":"gompertz","parameters":[0.3],"v0Ml":1,"outputDays":[0]}""", "parameters.parameters")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,"x"],"v0Ml":1,"outputDays":[0]}""", "parameters.parameters[1]")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":0,"outputDays":[0]}""", "parameters.v0Ml")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[5,3]}""", "parameters.outputDays[1]")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[]}""", "parameters.outputDays")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"horizon":3}""", "parameters.horizon")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"therapy":{"surgeries":[{"day":1,"resectedFraction":1}],"chemotherapy":[{"regimen":"cojec","startDay":0,"cycles":2,"cycleIntervalDays":21}]}}""", "parameters.response")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"response":{"alphaPerGy":0.04,"alphaOverBetaGy":0,"chemoSensitivity":1}}""", "parameters.response.alphaOverBetaGy")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"response":{"alphaPerGy":0.04,"alphaOverBetaGy":10,"chemoSensitivity":1},"therapy":{"chemotherapy":[{"regimen":"super","startDay":0,"cycles":2,"cycleIntervalDays":21}]}}""", "parameters.therapy.chemotherapy[0].regimen")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"response":{"alphaPerGy":0.04,"alphaOverBetaGy":10,"chemoSensitivity":1},"therapy":{"radiotherapy":[{"startDay":0,"dosePerFractionGy":1.8,"fractions":30,"fractionsPerWeek":5,"startWeekday":7}]}}""", "parameters.therapy.radiotherapy[0].startWeekday")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"therapy":{"surgeries":[{"day":1,"resectedFraction":1.2}]}}""", "parameters.therapy.surgeries[0].resectedFraction")]
    [InlineData("""{"model":"gompertz","parameters":[0.3,0.04],"v0Ml":1,"outputDays":[0],"therapy":{"surgeries":{}}}""", "parameters.therapy.surgeries")]
    public void InvalidFieldsAreNamed(string json, string field)
    {
        var error = Assert.Throws<StepInputException>(() => new GrowthStepTask().Execute(Parse(json), 0, CancellationToken.None));
        Assert.Equal(field, error.Field);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
