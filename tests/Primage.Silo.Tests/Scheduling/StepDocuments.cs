using System.Text.Json;
using System.Text.Json.Nodes;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>Input documents of the runner's diagnostic tasks ("primage.step/1"), as every backend receives them.</summary>
public static class StepDocuments
{
    public static StepSpec Echo(string stepId, int value, string? owner = null)
        => Spec(stepId, "echo", new JsonObject { ["value"] = value }, StepResources.Default, owner);

    public static StepSpec Spin(string stepId, double seconds, TimeSpan? walltime = null, string? owner = null)
        => Spec(stepId, "spin", new JsonObject { ["seconds"] = seconds }, new StepResources(Walltime: walltime), owner);

    /// <summary>An echo without its required value: the runner rejects it.</summary>
    public static StepSpec BadEcho(string stepId)
        => Spec(stepId, "echo", new JsonObject(), StepResources.Default, null);

    public static StepSpec Spec(string stepId, string task, JsonObject parameters, StepResources resources, string? owner)
    {
        var input = new JsonObject
        {
            ["schema"] = "primage.step/1",
            ["stepId"] = stepId,
            ["task"] = task,
            ["seed"] = 1,
            ["parameters"] = parameters,
        };
        return new StepSpec(stepId, task, JsonSerializer.SerializeToUtf8Bytes(input), resources, owner);
    }

    /// <summary>result.value of an echo output document.</summary>
    public static int EchoValue(byte[] outputDocument)
    {
        using var document = JsonDocument.Parse(outputDocument);
        return document.RootElement.GetProperty("result").GetProperty("value").GetInt32();
    }
}
