using System.Text.Json;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Forecasting;

/// <summary>Typed reads from step parameters that fail with a <see cref="StepInputException"/> naming the field.</summary>
internal static class JsonFields
{
    public static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static JsonElement Required(JsonElement parent, string name, string path)
        => TryGet(parent, name, out var value) ? value : throw new StepInputException($"{path}.{name}", "is required");

    public static double Number(JsonElement element, string path, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new StepInputException(path, "must be a finite number");
        }

        if (value < min || value > max)
        {
            throw new StepInputException(path, $"must lie in [{min}, {max}]");
        }

        return value;
    }

    public static int Integer(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new StepInputException(path, "must be an integer");
        }

        if (value < min || value > max)
        {
            throw new StepInputException(path, $"must lie in [{min}, {max}]");
        }

        return value;
    }

    public static string Text(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            throw new StepInputException(path, "must be a non-empty string");
        }

        return element.GetString()!;
    }

    public static IReadOnlyList<JsonElement> Array(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new StepInputException($"{path}.{name}", "must be an array");
        }

        return value.EnumerateArray().ToArray();
    }
}
