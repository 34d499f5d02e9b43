using System.Text.Json;
using System.Text.Json.Serialization;

namespace Primage.Kernels.Micro;

/// <summary>
/// The JSON conventions of the micro and coupling documents: camelCase names, enums as kebab-case
/// strings, unknown members rejected (so a misspelt field is an error, not a silent default), and
/// doubles written in their shortest round-trip form, so a state survives serialisation bit for bit.
/// </summary>
public static class MicroJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
