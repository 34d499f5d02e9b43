namespace Primage.Api.Fhir;

/// <summary>One reason a bundle is refused, at a FHIRPath-like location such as "Bundle.entry[2].resource.valueQuantity.value".</summary>
public sealed record FhirIssue(string Location, string Message, string Code = "invalid");
