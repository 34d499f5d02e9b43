using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Api.Twins.Contracts;
using Primage.Grains.Twins;

namespace Primage.Api.Twins;

/// <summary>The twin resource: profile, observations and therapies.</summary>
public static class TwinEndpoints
{
    public static IEndpointRouteBuilder MapTwinEndpoints(this IEndpointRouteBuilder routes)
    {
        var twins = routes.MapGroup("/api/twins").WithTags("Twins");

        twins.MapPut("/{id}", PutProfile)
            .WithName("PutTwin")
            .RequireTwinAccess(TwinPermission.Write, mustExist: false)
            .WithSummary("Create a twin (201) or update its profile (200).")
            .Accepts<ProfileDto>("application/json")
            .Produces<TwinDto>(StatusCodes.Status201Created)
            .Produces<TwinDto>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        twins.MapGet("/{id}", GetTwin)
            .WithName("GetTwin")
            .RequireTwinAccess(TwinPermission.Read)
            .WithSummary("The twin's profile, observations, therapies and latest prediction summary.")
            .Produces<TwinDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        twins.MapPost("/{id}/observations", PostObservation)
            .WithName("PostObservation")
            .RequireTwinAccess(TwinPermission.Write)
            .WithSummary("Add a follow-up observation: 201 when new, 200 when the same id and content were already stored, 409 when the id holds other content.")
            .Accepts<ObservationDto>("application/json")
            .Produces<ObservationDto>(StatusCodes.Status201Created)
            .Produces<ObservationDto>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        twins.MapPost("/{id}/therapies", PostTherapy)
            .WithName("PostTherapy")
            .RequireTwinAccess(TwinPermission.Write)
            .WithSummary("Add a therapy (radiotherapy, chemotherapy or surgery), with the same idempotency rules as observations.")
            .Accepts<TherapyDto>("application/json")
            .Produces<TherapyDto>(StatusCodes.Status201Created)
            .Produces<TherapyDto>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return routes;
    }

    private static async Task<IResult> PutProfile(string id, HttpContext context, IGrainFactory grains)
    {
        if (BadId(id) is { } badId)
        {
            return badId;
        }

        var (dto, problem) = await JsonBody.ReadAsync<ProfileDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var profile = TwinMapping.ToProfile(dto!, errors);
        if (profile is null)
        {
            return Problems.Validation(errors);
        }

        if (TwinAccess.CheckSite(context, profile.Site) is { } denied)
        {
            return denied;
        }

        var twin = grains.GetGrain<IPatientTwinGrain>(id);
        var result = await twin.PutProfileAsync(profile);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        var body = TwinMapping.ToDto((await twin.GetAsync())!, null);
        return result.Outcome == WriteOutcome.Created
            ? TypedResults.Created($"/api/twins/{id}", body)
            : TypedResults.Ok(body);
    }

    private static async Task<IResult> GetTwin(string id, IGrainFactory grains)
    {
        if (BadId(id) is { } badId)
        {
            return badId;
        }

        var grain = grains.GetGrain<IPatientTwinGrain>(id);
        var twin = await grain.GetAsync();
        if (twin is null)
        {
            return Problems.NotFound($"No twin '{id}'.");
        }

        var latest = (await grain.GetCalibrationAsync()).Latest;
        var summary = latest is null ? null : new PredictionSummaryDto(latest.Version, latest.CreatedAt, latest.ConfidenceScore);
        return TypedResults.Ok(TwinMapping.ToDto(twin, summary));
    }

    private static async Task<IResult> PostObservation(string id, HttpContext context, IGrainFactory grains)
    {
        if (BadId(id) is { } badId)
        {
            return badId;
        }

        var (dto, problem) = await JsonBody.ReadAsync<ObservationDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var observation = TwinMapping.ToObservation(dto!, errors);
        if (observation is null)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetGrain<IPatientTwinGrain>(id).AddObservationAsync(observation);
        return Refused(result, id) ?? Stored(result, $"/api/twins/{id}", TwinMapping.ToDto(observation));
    }

    private static async Task<IResult> PostTherapy(string id, HttpContext context, IGrainFactory grains)
    {
        if (BadId(id) is { } badId)
        {
            return badId;
        }

        var (dto, problem) = await JsonBody.ReadAsync<TherapyDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var therapy = TwinMapping.ToTherapy(dto!, errors);
        if (therapy is null)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetGrain<IPatientTwinGrain>(id).AddTherapyAsync(therapy);
        return Refused(result, id) ?? Stored(result, $"/api/twins/{id}", TwinMapping.ToDto(therapy));
    }

    private static IResult? BadId(string id) =>
        TwinIds.IsValid(id) ? null : Problems.Validation("id", "must be 1-64 letters, digits, '-' or '_'");

    private static IResult? Refused(WriteResult result, string? id = null)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Invalid:
                var errors = new FieldErrors();
                TwinMapping.AddAll(errors, result.Errors);
                return Problems.Validation(errors);
            case WriteOutcome.Conflict:
                var conflict = result.Errors[0];
                return Problems.Conflict(conflict.Field, conflict.Reason);
            case WriteOutcome.NotFound:
                return Problems.NotFound($"No twin '{id}'.");
            default:
                return null;
        }
    }

    private static IResult Stored<T>(WriteResult result, string location, T body) =>
        result.Outcome == WriteOutcome.Created ? TypedResults.Created(location, body) : TypedResults.Ok(body);
}
