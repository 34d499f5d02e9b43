using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Primage.Grains.Predictions;

namespace Primage.Api.Fhir;

/// <summary>
/// A prediction as a FHIR RiskAssessment: the endpoints JSON's dated probabilities (byDay rows
/// with probabilityOfResponse / probabilityOfProgression) become predictions (outcome "response" or
/// "progression"; probabilityDecimal; whenPeriod.end: the date), at most <see cref="MaxDates"/> dates
/// per outcome. The confidence score goes to a note.
/// </summary>
public static class RiskAssessments
{
    private static readonly string[] ProbabilityNames = ["probability", "p", "prob"];

    public static RiskAssessment From(string twinId, Prediction prediction)
    {
        var risk = new RiskAssessment
        {
            Id = $"{twinId}-v{prediction.Version}",
            Status = ObservationStatus.Final,
            Subject = new ResourceReference { Identifier = new Identifier(FhirCodes.TwinIdSystem, twinId) },
            Occurrence = new FhirDateTime(prediction.CreatedAt),
            Method = new CodeableConcept { Text = $"Primage twin forecast, version {prediction.Version}, model {prediction.Provenance.ModelVersion}, kernel {prediction.Provenance.KernelVersion}" },
        };
        using (var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(prediction.EndpointsJson) ? "{}" : prediction.EndpointsJson))
        {
            Walk(document.RootElement, "", risk);
        }

        if (prediction.ConfidenceScore is { } score)
        {
            risk.Note.Add(new Annotation { Text = new Markdown(string.Create(CultureInfo.InvariantCulture, $"Confidence score {score:0.00} (0: the forecast rests on the prior alone; 1: the observations pin it down).")) });
        }

        return risk;
    }

    /// <summary>At most this many dates per endpoint (evenly spaced, the last always kept).</summary>
    public const int MaxDates = 12;

    private static void Walk(JsonElement element, string path, RiskAssessment risk)
    {
        var rows = new List<(string Outcome, double P, string Date)>();
        Collect(element, path, rows);
        foreach (var group in rows.GroupBy(r => r.Outcome))
        {
            var items = group.ToList();
            var step = Math.Max(1, (int)Math.Ceiling(items.Count / (double)MaxDates));
            for (var i = 0; i < items.Count; i++)
            {
                if (i % step != 0 && i != items.Count - 1)
                {
                    continue;
                }

                risk.Prediction.Add(new RiskAssessment.PredictionComponent
                {
                    Outcome = new CodeableConcept { Text = items[i].Outcome },
                    Probability = new FhirDecimal((decimal)Math.Round(items[i].P, 4)),
                    When = new Period { End = items[i].Date },
                });
            }
        }
    }

    /// <summary>
    /// Objects with a "date" and probabilities: "probabilityOfX" properties give outcome "x" (the
    /// kernel's endpoints.byDay rows); a plain "probability" gives the object's path.
    /// </summary>
    private static void Collect(JsonElement element, string path, List<(string, double, string)> rows)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String)
                {
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDouble() is var p && p is >= 0 and <= 1)
                        {
                            if (property.Name.StartsWith("probabilityOf", StringComparison.Ordinal) && property.Name.Length > 13)
                            {
                                rows.Add((char.ToLowerInvariant(property.Name[13]) + property.Name[14..], p, date.GetString()!));
                            }
                            else if (ProbabilityNames.Contains(property.Name))
                            {
                                rows.Add((path.Length == 0 ? "endpoint" : path, p, date.GetString()!));
                            }
                        }
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Collect(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", rows);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, path, rows);
                }

                break;
            default:
                break;
        }
    }

}
