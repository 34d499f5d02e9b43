using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace Primage.Api.Fhir;

/// <summary>FHIR JSON responses (application/fhir+json) and OperationOutcomes.</summary>
public static class FhirResults
{
    public const string ContentType = "application/fhir+json";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    public static IResult Resource(Resource resource, int status = StatusCodes.Status200OK) =>
        Results.Text(Serializer.SerializeToString(resource), ContentType, System.Text.Encoding.UTF8, status);

    /// <summary>An OperationOutcome with one error issue per problem, each with its location as expression.</summary>
    public static IResult Outcome(IEnumerable<FhirIssue> issues, int status)
    {
        var outcome = new OperationOutcome();
        foreach (var issue in issues)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = issue.Code switch
                {
                    "required" => OperationOutcome.IssueType.Required,
                    "value" => OperationOutcome.IssueType.Value,
                    "code-invalid" => OperationOutcome.IssueType.CodeInvalid,
                    "not-supported" => OperationOutcome.IssueType.NotSupported,
                    "business-rule" => OperationOutcome.IssueType.BusinessRule,
                    "conflict" => OperationOutcome.IssueType.Conflict,
                    "not-found" => OperationOutcome.IssueType.NotFound,
                    "forbidden" => OperationOutcome.IssueType.Forbidden,
                    "too-costly" => OperationOutcome.IssueType.TooCostly,
                    "structure" => OperationOutcome.IssueType.Structure,
                    "exception" => OperationOutcome.IssueType.Exception,
                    _ => OperationOutcome.IssueType.Invalid,
                },
                Diagnostics = issue.Message,
                Expression = [issue.Location],
            });
        }

        return Resource(outcome, status);
    }
}
