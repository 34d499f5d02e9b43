using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Primage.Api.Audit;
using Primage.Api.Security;
using Primage.Grains.Predictions;
using Primage.Grains.Twins;
using TwinObservation = Primage.Grains.Twins.Observation;

namespace Primage.Api.Fhir;

/// <summary>
/// POST /api/fhir: ingests a transaction or collection Bundle onto one twin, all or nothing.
/// GET /api/twins/{id}/fhir/risk-assessment: the latest prediction as a RiskAssessment.
/// </summary>
public static partial class FhirEndpoints
{
    private static readonly BaseFhirJsonDeserializer Deserializer = new(ModelInfo.ModelInspector);

    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/fhir", Ingest)
            .WithTags("FHIR")
            .WithName("PostFhirBundle")
            .WithSummary("Ingest a FHIR R4 transaction or collection Bundle (application/fhir+json) for one patient: every resource is validated before anything is stored; a refusal is an OperationOutcome naming the element.")
            .RequireRoles(Roles.Integration)
            .Produces(StatusCodes.Status200OK, contentType: FhirResults.ContentType)
            .Produces(StatusCodes.Status400BadRequest, contentType: FhirResults.ContentType)
            .Produces(StatusCodes.Status404NotFound, contentType: FhirResults.ContentType)
            .Produces(StatusCodes.Status409Conflict, contentType: FhirResults.ContentType)
            .Produces(StatusCodes.Status413PayloadTooLarge, contentType: FhirResults.ContentType);

        routes.MapGet("/api/twins/{id}/fhir/risk-assessment", RiskAssessmentOf)
            .WithTags("FHIR")
            .WithName("GetRiskAssessment")
            .WithSummary("The twin's latest prediction as a FHIR RiskAssessment: endpoint probabilities by date.")
            .RequireTwinAccess(TwinPermission.Predictions)
            .Produces(StatusCodes.Status200OK, contentType: FhirResults.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> Ingest(HttpContext context, IGrainFactory grains, IOptions<SecurityOptions> security, TimeProvider time)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (FhirResults.ContentType or "application/json"))
        {
            return FhirResults.Outcome([new("Bundle", "the body must be application/fhir+json", "not-supported")], StatusCodes.Status415UnsupportedMediaType);
        }

        var limit = security.Value.MaxFhirBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        var issues = new List<FhirIssue>();
        if (Parse(buffer.ToArray(), issues) is not { } bundle)
        {
            return FhirResults.Outcome(issues, StatusCodes.Status400BadRequest);
        }

        var plan = FhirBundleMapper.Map(bundle, issues);
        if (plan is null || issues.Count > 0)
        {
            return await Refuse(context, plan, issues, StatusCodes.Status400BadRequest);
        }

        // Access: the bundle's site must be the caller's; a twin of another site is "not found".
        var caller = Caller.From(context.User)!;
        if (!caller.HasSite(plan.Site!))
        {
            return await Refuse(context, plan, [new(plan.SiteLocation, "the token does not grant this site", "forbidden")], StatusCodes.Status403Forbidden);
        }

        var twin = grains.GetGrain<IPatientTwinGrain>(plan.TwinId);
        var current = await twin.GetAsync();
        if ((current is not null && current.Profile.Site != plan.Site) || (current is null && plan.Profile is null))
        {
            return await Refuse(context, plan, [new(plan.TwinIdLocation, $"No twin '{plan.TwinId}'. A Condition with the diagnosis creates it.", "not-found")], StatusCodes.Status404NotFound);
        }

        // Everything is validated against the current twin before the first write.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var profile = current?.Profile ?? plan.Profile!;
        if (current is null)
        {
            AddDomain(issues, plan.ProfileLocation!, TwinValidator.ValidateProfile(profile, today));
        }
        else if (plan.Profile is { } given && given.Diagnosis != profile.Diagnosis)
        {
            issues.Add(new($"{plan.ProfileLocation}.code", "differs from the twin's diagnosis", "business-rule"));
        }

        var newObservations = new List<TwinObservation>();
        foreach (var (item, at) in plan.Observations)
        {
            AddDomain(issues, at, TwinValidator.ValidateObservation(item, profile, today));
            var stored = current?.Observations.FirstOrDefault(o => o.ObservationId == item.ObservationId)
                ?? newObservations.Find(o => o.ObservationId == item.ObservationId);
            if (stored is null)
            {
                newObservations.Add(item);
            }
            else if (stored != item)
            {
                issues.Add(new($"{at}.id", $"'{item.ObservationId}' is already stored with different content", "conflict"));
            }
        }

        var newTherapies = new List<TherapyRecord>();
        foreach (var (item, at) in plan.Therapies)
        {
            AddDomain(issues, at, TwinValidator.ValidateTherapy(item, profile, today, KnownRegimens.Contains));
            var stored = current?.Therapies.FirstOrDefault(t => t.TherapyId == item.TherapyId)
                ?? newTherapies.Find(t => t.TherapyId == item.TherapyId);
            if (stored is null)
            {
                newTherapies.Add(item);
            }
            else if (stored != item)
            {
                issues.Add(new($"{at}.id", $"'{item.TherapyId}' is already stored with different content", "conflict"));
            }
        }

        if (issues.Count > 0)
        {
            var status = issues.TrueForAll(i => i.Code == "conflict") ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return await Refuse(context, plan, issues, status);
        }

        // Writes. Validation above used the grain's own rules on its current state, so a refusal
        // here means a concurrent writer changed the twin in between; it is reported, not hidden.
        var response = new Bundle { Type = bundle.Type == Bundle.BundleType.Transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse };
        var failures = new List<FhirIssue>();
        if (current is null)
        {
            var created = await twin.PutProfileAsync(profile);
            Record(response, failures, plan.ProfileLocation!, $"/api/twins/{plan.TwinId}", created);
        }

        foreach (var (item, at) in plan.Observations)
        {
            Record(response, failures, at, $"/api/twins/{plan.TwinId}/observations/{item.ObservationId}", await twin.AddObservationAsync(item));
        }

        foreach (var (item, at) in plan.Therapies)
        {
            Record(response, failures, at, $"/api/twins/{plan.TwinId}/therapies/{item.TherapyId}", await twin.AddTherapyAsync(item));
        }

        if (failures.Count > 0)
        {
            await AuditTrail.RecordAsync(context, plan.TwinId, StatusCodes.Status409Conflict, "POST /api/fhir");
            return FhirResults.Outcome(failures, StatusCodes.Status409Conflict);
        }

        await AuditTrail.RecordAsync(context, plan.TwinId, StatusCodes.Status200OK, "POST /api/fhir");
        return FhirResults.Resource(response);
    }

    private static void Record(Bundle response, List<FhirIssue> failures, string at, string location, WriteResult result)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Created:
            case WriteOutcome.Updated:
            case WriteOutcome.Unchanged:
                var status = result.Outcome == WriteOutcome.Created ? "201 Created" : "200 OK";
                response.Entry.Add(new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Status = status, Location = location } });
                break;
            default:
                failures.Add(new(at, $"the twin refused this item after validation ({result.Outcome}: {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Reason}"))}); earlier items of the bundle were stored", "conflict"));
                break;
        }
    }

    private static async Task<IResult> Refuse(HttpContext context, IngestPlan? plan, IEnumerable<FhirIssue> issues, int status)
    {
        if (plan is not null)
        {
            await AuditTrail.RecordAsync(context, plan.TwinId, status, "POST /api/fhir");
        }

        return FhirResults.Outcome(issues, status);
    }

    private static void AddDomain(List<FhirIssue> issues, string at, List<ValidationError> errors)
    {
        foreach (var e in errors)
        {
            issues.Add(new($"{at} ({e.Field})", e.Reason, "business-rule"));
        }
    }

    private static Bundle? Parse(byte[] body, List<FhirIssue> issues)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!Deserializer.TryDeserializeResource(ref reader, out var resource, out var errors))
            {
                foreach (var error in errors)
                {
                    issues.Add(new(LocationOf(error), error.Message, "structure"));
                }

                return null;
            }

            if (resource is not Bundle bundle)
            {
                issues.Add(new("resourceType", $"must be 'Bundle' (was '{resource?.TypeName}')", "structure"));
                return null;
            }

            return bundle;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or DeserializationFailedException)
        {
            issues.Add(new("Bundle", "is not valid FHIR JSON: " + ex.Message, "structure"));
            return null;
        }
    }

    /// <summary>The SDK's messages end with "At Bundle.entry[0]...., line n, position m": keep the path.</summary>
    private static string LocationOf(CodedException error)
    {
        var match = AtPath().Match(error.Message);
        return match.Success ? match.Groups[1].Value : "Bundle";
    }

    [GeneratedRegex(@"[Aa]t ([A-Za-z][\w\.\[\]]*)")]
    private static partial Regex AtPath();

    private static IResult TooLarge(int limit) =>
        FhirResults.Outcome([new("Bundle", $"the body is larger than the {limit} bytes this route accepts", "too-costly")], StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> RiskAssessmentOf(string id, IGrainFactory grains)
    {
        var latest = await grains.GetGrain<ITwinPredictionsGrain>(id).GetLatestAsync();
        return latest is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Twin '{id}' has no prediction yet.")
            : FhirResults.Resource(RiskAssessments.From(id, latest));
    }
}
