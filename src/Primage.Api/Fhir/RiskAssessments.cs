using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Primage.Grains.Predictions;

namespace Primage.Api.Fhir;

/// <summary>
/// A prediction as a FHIR RiskAssessment: every object in the endpoints JSON that carries a
/// probability and a date becomes one prediction (outcome: the endpoint's path, e.g.
/// "response.12m"; probabilityDecimal; whenPeriod.end: the date). The confidence score goes to a note.
/// </summary>
public static class RiskAssessments
{
    private static readonly string[] ProbabilityNames = ["probability", "p", "prob", "value"];

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

    private static void Walk(JsonElement element, string path, RiskAssessment risk)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryProbability(element, out var p) && element.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String)
                {
                    risk.Prediction.Add(new RiskAssessment.PredictionComponent
                    {
                        Outcome = new CodeableConcept { Text = path.Length == 0 ? "endpoint" : path },
                        Probability = new FhirDecimal((decimal)Math.Clamp(p, 0, 1)),
                        When = new Period { End = date.GetString() },
                    });
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", risk);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", risk);
                }

                break;
            default:
                break;
        }
    }

    private static bool TryProbability(JsonElement element, out double p)
    {
        foreach (var name in ProbabilityNames)
        {
            if (element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() is var d && d is >= 0 and <= 1)
            {
                p = d;
                return true;
            }
        }

        p = 0;
        return false;
    }
}
