using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Primage.Kernels.Runner;

/// <summary>
/// Writes the output document with a fixed property order. Utf8JsonWriter formats numbers with the
/// invariant, shortest round-trippable representation, so a double read back is the same double and
/// the bytes do not depend on the machine's culture.
/// </summary>
internal static class StepOutputWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static byte[] Write(StepInput input, string inputHash, JsonNode result, StepTimings? timings)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", StepRunner.OutputSchema);
            writer.WriteString("stepId", input.StepId);
            writer.WriteString("task", input.Task);
            writer.WriteString("kernelVersion", StepRunner.KernelVersion);
            writer.WriteString("inputHash", inputHash);
            writer.WritePropertyName("result");
            result.WriteTo(writer);
            if (timings is { } t)
            {
                writer.WriteStartObject("timings");
                writer.WriteNumber("parseMs", t.ParseMs);
                writer.WriteNumber("executeMs", t.ExecuteMs);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
