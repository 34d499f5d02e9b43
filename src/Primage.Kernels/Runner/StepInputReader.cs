using System.Text.Json;

namespace Primage.Kernels.Runner;

/// <summary>
/// Validates the envelope of a "primage.step/1" document. Strict on purpose: a job that runs on a
/// cluster hours later must fail at once, naming the field, rather than run something unintended.
/// Unknown or duplicated top-level properties are rejected so that a typo is never silently ignored.
/// </summary>
internal static class StepInputReader
{
    private const int MaxStepIdLength = 256;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private static readonly string[] KnownProperties = ["schema", "stepId", "task", "seed", "parameters"];

    public static JsonDocument Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            throw new StepInputException("$", "the document is empty");
        }

        try
        {
            // JsonDocument.Parse needs memory it can keep; the copy is one per step and small.
            return JsonDocument.Parse(utf8.ToArray(), Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : string.Empty;
            throw new StepInputException("$", $"not valid JSON{where}");
        }
    }

    public static StepInput Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException("$", $"expected a JSON object, found {Describe(root.ValueKind)}");
        }

        // The version first: a newer document may legitimately carry fields this runner does not know.
        var schema = RequireString(root, "schema");
        if (schema != StepRunner.InputSchema)
        {
            throw new StepInputException("schema", $"unsupported schema '{schema}'; this runner reads {StepRunner.InputSchema}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new StepInputException(property.Name, "the property appears more than once");
            }

            if (Array.IndexOf(KnownProperties, property.Name) < 0)
            {
                throw new StepInputException(property.Name, $"unknown property; a {StepRunner.InputSchema} document has only {string.Join(", ", KnownProperties)}");
            }
        }

        var stepId = RequireString(root, "stepId");
        if (stepId.Length == 0 || stepId.Length > MaxStepIdLength)
        {
            throw new StepInputException("stepId", $"must be 1 to {MaxStepIdLength} characters long");
        }

        if (stepId.Any(char.IsControl))
        {
            throw new StepInputException("stepId", "must not contain control characters");
        }

        var task = RequireString(root, "task");
        if (task.Length == 0)
        {
            throw new StepInputException("task", "must not be empty");
        }

        var seedElement = Require(root, "seed");
        if (seedElement.ValueKind != JsonValueKind.Number)
        {
            throw new StepInputException("seed", $"expected an integer, found {Describe(seedElement.ValueKind)}");
        }

        if (!seedElement.TryGetInt64(out var seed))
        {
            throw new StepInputException("seed", "expected an integer in the signed 64-bit range");
        }

        var parameters = Require(root, "parameters");
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new StepInputException("parameters", $"expected an object, found {Describe(parameters.ValueKind)}");
        }

        return new StepInput(stepId, task, seed, parameters);
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static JsonElement Require(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) ? value : throw new StepInputException(name, "is required");

    private static string RequireString(JsonElement root, string name)
    {
        var value = Require(root, name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new StepInputException(name, $"expected a string, found {Describe(value.ValueKind)}");
    }
}
