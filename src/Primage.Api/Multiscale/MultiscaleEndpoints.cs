using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Grains.Multiscale;
using Primage.Grains.Twins;

namespace Primage.Api.Multiscale;

/// <summary>
/// Coupled multiscale runs of a neuroblastoma twin: start one, read its progress and trajectory. Authorised
/// like the scenarios (<see cref="TwinPermission.Scenarios"/>): a run is computation a caller starts on
/// demand whose result stays apart from the twin's prediction history, as a what-if forecast does.
/// </summary>
public static class MultiscaleEndpoints
{
    public static IEndpointRouteBuilder MapMultiscaleEndpoints(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/api/twins/{id}").WithTags("Multiscale").RequireTwinAccess(TwinPermission.Scenarios);

        runs.MapPost("/multiscale", Start)
            .WithName("StartMultiscaleRun")
            .WithSummary("Start a coupled macro/micro (agent-based) run from the twin's latest observation: 202 when started, 200 when the same request is already recorded under runId.")
            .Accepts<MultiscaleRequestDto>("application/json")
            .Produces<MultiscaleCreatedDto>(StatusCodes.Status202Accepted)
            .Produces<MultiscaleCreatedDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        runs.MapGet("/multiscale/{runId}", Get)
            .WithName("GetMultiscaleRun")
            .WithSummary("A multiscale run's status and its trajectory so far: per window tumour volume, cell count, oxygen, matrix and the six cellularity fractions.")
            .Produces<MultiscaleRunDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> Start(string id, HttpContext context, IGrainFactory grains)
    {
        if (BadId(id, "id") is { } badId)
        {
            return badId;
        }

        var (dto, problem) = await JsonBody.ReadAsync<MultiscaleRequestDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var runId = dto!.RunId ?? Guid.NewGuid().ToString("N")[..16];
        if (!TwinIds.IsValid(runId))
        {
            errors.Add("runId", "must be 1-64 letters, digits, '-' or '_'");
        }

        var request = new MultiscaleRequest(
            dto.Windows ?? MultiscaleRequest.DefaultWindows,
            dto.Regions ?? MultiscaleRequest.DefaultRegions,
            dto.AgentCapPerRegion ?? MultiscaleRequest.DefaultAgentCapPerRegion,
            dto.Seed ?? MultiscaleKeys.DefaultSeed(id, runId));
        foreach (var error in request.Validate())
        {
            errors.Add(error.Field, error.Reason);
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetGrain<IMultiscaleRunGrain>(MultiscaleKeys.Of(id, runId)).StartAsync(request);
        switch (result.Outcome)
        {
            case WriteOutcome.NotFound:
                return Problems.NotFound($"No twin '{id}'.");
            case WriteOutcome.Invalid:
                var invalid = new FieldErrors();
                foreach (var error in result.Errors)
                {
                    invalid.Add(error.Field, error.Reason);
                }

                return Problems.Validation(invalid);
            case WriteOutcome.Conflict:
                var conflict = result.Errors[0];
                return Problems.Conflict(conflict.Field, conflict.Reason);
            case WriteOutcome.Unchanged:
                return TypedResults.Ok(new MultiscaleCreatedDto(runId));
            default:
                return TypedResults.Accepted($"/api/twins/{id}/multiscale/{runId}", new MultiscaleCreatedDto(runId));
        }
    }

    private static async Task<IResult> Get(string id, string runId, IGrainFactory grains)
    {
        if (BadId(id, "id") is { } badId)
        {
            return badId;
        }

        if (BadId(runId, "runId") is { } badRun)
        {
            return badRun;
        }

        var view = await grains.GetGrain<IMultiscaleRunGrain>(MultiscaleKeys.Of(id, runId)).GetAsync();
        return view is null ? Problems.NotFound($"Twin '{id}' has no multiscale run '{runId}'.") : TypedResults.Ok(ToDto(view));
    }

    internal static MultiscaleRunDto ToDto(MultiscaleRunView v) => new(
        v.RunId,
        v.Status switch
        {
            MultiscaleRunStatus.Pending => "pending",
            MultiscaleRunStatus.Running => "running",
            MultiscaleRunStatus.Completed => "completed",
            _ => "failed",
        },
        v.WindowsDone,
        v.Request.Windows,
        v.Error,
        [.. v.Trajectory.Select(w => new MultiscaleWindowDto(
            w.Window,
            w.StartHour,
            w.EndHour,
            w.TumourVolumeMm3 / 1000.0,
            w.CellCount,
            w.Oxygen,
            w.MatrixFraction,
            new CellularityDto(w.NbAlive, w.NbApoptotic, w.NbNecrotic, w.ScAlive, w.ScApoptotic, w.ScNecrotic),
            w.Regions,
            w.DeadRegions))],
        v.StartDate,
        v.ObservationId,
        v.InitialTumourVolumeMm3 / 1000.0,
        v.Request.Regions,
        v.Request.AgentCapPerRegion,
        v.Request.Seed,
        v.CreatedAt,
        v.FinishedAt);

    private static IResult? BadId(string id, string field) =>
        TwinIds.IsValid(id) ? null : Problems.Validation(field, "must be 1-64 letters, digits, '-' or '_'");
}
