using System.Text.Json;

namespace Primage.Kernels.Runner;

/// <summary>
/// Typed reads from a task's "parameters" object that throw <see cref="StepInputException"/> with the
/// field's JSON path (for example "parameters.therapy.radiotherapy[0].doseGy") on a missing or ill-typed value.
/// Paths passed in are relative to the document root.
/// </summary>
public static class StepParameters
{
    /// <summary>The property <paramref name="name"/> of <paramref name="obj"/>, or null when absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>The property <paramref name="name"/> of the object at <paramref name="path"/>; absent is an error.</summary>
    public static JsonElement Require(JsonElement obj, string path, string name)
        => Optional(obj, name) ?? throw new StepInputException(Join(path, name), "is required");

    /// <summary>A finite number within [min, max].</summary>
    public static double Number(JsonElement obj, string path, string name, double min = double.MinValue, double max = double.MaxValue)
        => CheckNumber(Require(obj, path, name), Join(path, name), min, max);

    /// <summary>A finite number within [min, max], or <paramref name="fallback"/> when absent.</summary>
    public static double Number(JsonElement obj, string path, string name, double fallback, double min, double max)
        => Optional(obj, name) is { } value ? CheckNumber(value, Join(path, name), min, max) : fallback;

    /// <summary>An integer within [min, max].</summary>
    public static int Integer(JsonElement obj, string path, string name, int min = int.MinValue, int max = int.MaxValue)
        => CheckInteger(Require(obj, path, name), Join(path, name), min, max);

    /// <summary>An integer within [min, max], or <paramref name="fallback"/> when absent.</summary>
    public static int Integer(JsonElement obj, string path, string name, int fallback, int min, int max)
        => Optional(obj, name) is { } value ? CheckInteger(value, Join(path, name), min, max) : fallback;

    /// <summary>A value that must be an array; returns it.</summary>
    public static JsonElement Array(JsonElement obj, string path, string name)
    {
        var value = Require(obj, path, name);
        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new StepInputException(Join(path, name), $"expected an array, found {StepInputReader.Describe(value.ValueKind)}");
    }

    /// <summary>Checks that <paramref name="value"/> is a finite number within [min, max].</summary>
    public static double CheckNumber(JsonElement value, string path, double min = double.MinValue, double max = double.MaxValue)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new StepInputException(path, $"expected a number, found {StepInputReader.Describe(value.ValueKind)}");
        }

        var number = value.GetDouble();
        if (!double.IsFinite(number))
        {
            throw new StepInputException(path, "must be a finite number");
        }

        return number < min || number > max
            ? throw new StepInputException(path, $"must be between {min:R} and {max:R}, was {number:R}")
            : number;
    }

    /// <summary>Checks that <paramref name="value"/> is an integer within [min, max].</summary>
    public static int CheckInteger(JsonElement value, string path, int min = int.MinValue, int max = int.MaxValue)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new StepInputException(path, $"expected an integer, found {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : StepInputReader.Describe(value.ValueKind))}");
        }

        return number < min || number > max
            ? throw new StepInputException(path, $"must be between {min} and {max}, was {number}")
            : number;
    }

    /// <summary>Throws when <paramref name="obj"/> has a property not in <paramref name="allowed"/> (catches typos).</summary>
    public static void RejectUnknown(JsonElement obj, string path, params ReadOnlySpan<string> allowed)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException(path, $"expected an object, found {StepInputReader.Describe(obj.ValueKind)}");
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new StepInputException(Join(path, property.Name), $"unknown parameter; expected one of {string.Join(", ", allowed.ToArray())}");
            }
        }
    }

    /// <summary>"parameters" + "v0" gives "parameters.v0"; an index gives "parameters.times[3]".</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The path of element <paramref name="index"/> of the array at <paramref name="path"/>.</summary>
    public static string Index(string path, int index) => $"{path}[{index}]";
}
