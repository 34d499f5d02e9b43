using System.Globalization;
using System.Text;

namespace Primage.Api.Tests.Fhir;

/// <summary>FHIR R4 JSON fragments for ingestion tests (docs/fhir.md describes the mapping).</summary>
public static class FhirSamples
{
    public static string Bundle(string type, params string[] resources)
    {
        var entries = resources.Select((r, i) => $$$$"""{"fullUrl": "urn:uuid:00000000-0000-0000-0000-{{{{i.ToString("D12", CultureInfo.InvariantCulture)}}}}", "resource": {{{{r}}}}}""");
        return $$$$"""{"resourceType": "Bundle", "type": "{{{{type}}}}", "entry": [{{{{string.Join(",", entries)}}}}]}""";
    }

    public static string Patient(string twinId, string site, bool siteAsTag = false, string gender = "female") => siteAsTag
        ? $$$$"""{"resourceType": "Patient", "meta": {"tag": [{"system": "urn:primage:site", "code": "{{{{site}}}}"}]}, "identifier": [{"system": "urn:primage:twin", "value": "{{{{twinId}}}}"}], "gender": "{{{{gender}}}}"}"""
        : $$$$"""{"resourceType": "Patient", "identifier": [{"system": "urn:primage:twin", "value": "{{{{twinId}}}}"}], "gender": "{{{{gender}}}}", "managingOrganization": {"identifier": {"system": "urn:primage:site", "value": "{{{{site}}}}"}}}""";

    public static string Condition(string system = "urn:primage:diagnosis", string code = "neuroblastoma", string onset = "2024-01-05") =>
        $$$$"""{"resourceType": "Condition", "code": {"coding": [{"system": "{{{{system}}}}", "code": "{{{{code}}}}"}]}, "onsetDateTime": "{{{{onset}}}}", "subject": {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}}""";

    public static string Volume(string id, string date, string value = "12.5", string unit = "mL", string components = "") =>
        $$$$"""{"resourceType": "Observation", "id": "{{{{id}}}}", "status": "final", "code": {"coding": [{"system": "urn:primage:observation", "code": "tumour-volume"}]}, "effectiveDateTime": "{{{{date}}}}", "valueQuantity": {"value": {{{{value}}}}, "system": "http://unitsofmeasure.org", "code": "{{{{unit}}}}"}{{{{components}}}}}""";

    public static string Size(string id, string date, string unit, params double[] diameters)
    {
        var parts = new StringBuilder();
        for (var i = 0; i < diameters.Length; i++)
        {
            var code = i == 0 ? "33728-7" : "33729-5";
            parts.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$$$"""{"code": {"coding": [{"system": "http://loinc.org", "code": "{{{{code}}}}"}]}, "valueQuantity": {"value": {{{{diameters[i]}}}}, "system": "http://unitsofmeasure.org", "code": "{{{{unit}}}}"}}""");
        }

        return $$$$"""{"resourceType": "Observation", "id": "{{{{id}}}}", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "21889-1"}]}, "effectiveDateTime": "{{{{date}}}}", "component": [{{{{parts}}}}]}""";
    }

    public static string Adc(string id, string date, string value = "850", string unit = "10*-6.mm2/s") =>
        $$$$"""{"resourceType": "Observation", "id": "{{{{id}}}}", "status": "final", "code": {"coding": [{"system": "urn:primage:observation", "code": "adc-mean"}]}, "effectiveDateTime": "{{{{date}}}}", "valueQuantity": {"value": {{{{value}}}}, "system": "http://unitsofmeasure.org", "code": "{{{{unit}}}}"}}""";

    public static string Cellularity(string id, string date, string value, string unit) =>
        $$$$"""{"resourceType": "Observation", "id": "{{{{id}}}}", "status": "final", "code": {"coding": [{"system": "urn:primage:observation", "code": "cellularity"}]}, "effectiveDateTime": "{{{{date}}}}", "valueQuantity": {"value": {{{{value}}}}, "system": "http://unitsofmeasure.org", "code": "{{{{unit}}}}"}}""";

    public const string AdcAndCellularityComponents = """
        , "component": [
          {"code": {"coding": [{"system": "urn:primage:observation", "code": "adc-mean"}]}, "valueQuantity": {"value": 900, "system": "http://unitsofmeasure.org", "code": "um2/s"}},
          {"code": {"coding": [{"system": "urn:primage:observation", "code": "cellularity"}]}, "valueQuantity": {"value": 0.7, "system": "http://unitsofmeasure.org", "code": "1"}}]
        """;

    public static string Radiotherapy(string id, string start, string extensions = """[{"url": "urn:primage:fhir:dose-per-fraction", "valueQuantity": {"value": 1.8, "system": "http://unitsofmeasure.org", "code": "Gy"}}, {"url": "urn:primage:fhir:fractions", "valueInteger": 30}, {"url": "urn:primage:fhir:fractions-per-week", "valueInteger": 5}]""") =>
        $$$$"""{"resourceType": "Procedure", "id": "{{{{id}}}}", "status": "completed", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "108290001"}]}, "subject": {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}, "performedPeriod": {"start": "{{{{start}}}}"}, "extension": {{{{extensions}}}}}""";

    public static string Surgery(string id, string date, string fraction = "0.9") =>
        $$$$"""{"resourceType": "Procedure", "id": "{{{{id}}}}", "status": "completed", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "387713003"}]}, "subject": {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}, "performedDateTime": "{{{{date}}}}", "extension": [{"url": "urn:primage:fhir:resected-fraction", "valueDecimal": {{{{fraction}}}}}]}""";

    public static string ChemoAdministration(string id, string regimen, string start, int cycles, int interval) =>
        $$$$"""{"resourceType": "MedicationAdministration", "id": "{{{{id}}}}", "status": "completed", "medicationCodeableConcept": {"coding": [{"system": "urn:primage:regimen", "code": "{{{{regimen}}}}"}]}, "subject": {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}, "effectivePeriod": {"start": "{{{{start}}}}"}, "extension": [{"url": "urn:primage:fhir:cycles", "valueInteger": {{{{cycles}}}}}, {"url": "urn:primage:fhir:cycle-interval-days", "valueInteger": {{{{interval}}}}}]}""";

    public static string ChemoRequest(string id, string regimen, string start, int count, int period, string unit) =>
        $$$$"""{"resourceType": "MedicationRequest", "id": "{{{{id}}}}", "status": "active", "intent": "plan", "medicationCodeableConcept": {"text": "{{{{regimen}}}}"}, "subject": {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}, "dosageInstruction": [{"timing": {"repeat": {"boundsPeriod": {"start": "{{{{start}}}}"}, "count": {{{{count}}}}, "period": {{{{period}}}}, "periodUnit": "{{{{unit}}}}"}}}]}""";
}
