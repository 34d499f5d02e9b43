using System.Reflection;
using System.Text.Json;

namespace Primage.Kernels.Survival;

/// <summary>Reads and writes the stored survival models (JSON, embedded in this assembly).</summary>
public static class SurvivalModelStore
{
    /// <summary>Resource (and file) name of the neuroblastoma Cox model.</summary>
    public const string NeuroblastomaResource = "neuroblastoma-cox.json";

    /// <summary>Resource (and file) name of the DIPG cohort Kaplan-Meier reference.</summary>
    public const string DipgReferenceResource = "dipg-openpbta-km.json";

    /// <summary>JSON settings of the stored models.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Deserialises an embedded model.</summary>
    public static T LoadEmbedded<T>(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded model {resource} is missing; run tools/Primage.Endpoints to regenerate it.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"The embedded model {resource} is empty.");
    }

    /// <summary>Serialises a model for storage.</summary>
    public static string Serialize<T>(T model) => JsonSerializer.Serialize(model, Json);

    /// <summary>Rounds to <paramref name="digits"/> significant digits, to keep the stored files small.</summary>
    public static double Round(double value, int digits = 7)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value * scale) / scale;
    }
}
