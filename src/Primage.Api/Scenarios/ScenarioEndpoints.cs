using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Predictions;
using Primage.Api.Security;
using Primage.Api.Twins;
using Primage.Api.Twins.Contracts;
using Primage.Grains.Predictions;
using Primage.Grains.Scenarios;
using Primage.Grains.Twins;

namespace Primage.Api.Scenarios;

/// <summary>What-if scenarios of a twin: start, list, read, compare.</summary>
public static class ScenarioEndpoints
{
    private const int MaxCompared = 10;

    public static IEndpointRouteBuilder MapScenarioEndpoints(this IEndpointRouteBuilder routes)
    {
        var scenarios = routes.MapGroup("/api/twins/{id}").WithTags("Scenarios").RequireTwinAccess(TwinPermission.Scenarios);

        scenarios.MapPost("/scenarios", Start)
            .WithName("StartScenario")
            .WithSummary("Fork the twin's current posterior and forecast it under another therapy plan (202); the twin itself never changes.")
            .Accepts<ScenarioRequestDto>("application/json")
            .Produces<ScenarioCreatedDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        scenarios.MapGet("/scenarios", List)
            .WithName("ListScenarios")
            .WithSummary("The twin's scenarios in creation order.")
            .Produces<ScenarioListDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        scenarios.MapGet("/scenarios/compare", Compare)
            .WithName("CompareScenarios")
            .WithSummary("Scenarios side by side on a date (ids=a,b[,c]&date=yyyy-MM-dd): volume quantiles, endpoints, and per pair P(A smaller than B) with the median and 5-95% interval of the difference and ratio, from paired draws (common random numbers).")
            .Produces<ScenarioComparisonDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        scenarios.MapGet("/scenarios/{scenarioId}", Get)
            .WithName("GetScenario")
            .WithSummary("One scenario with its status and, once completed, its prediction.")
            .Produces<ScenarioDto>()
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

        var (dto, problem) = await JsonBody.ReadAsync<ScenarioRequestDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var scenarioId = dto!.ScenarioId ?? Guid.NewGuid().ToString("N")[..16];
        if (!TwinIds.IsValid(scenarioId))
        {
            errors.Add("scenarioId", "must be 1-64 letters, digits, '-' or '_'");
        }

        if (string.IsNullOrWhiteSpace(dto.Name))
        {
            errors.Add("name", "is required");
        }

        if (dto.Therapies is null)
        {
            errors.Add("therapies", "is required (an empty list forecasts without therapy)");
        }

        var therapies = new List<TherapyRecord>();
        for (var i = 0; i < (dto.Therapies?.Count ?? 0); i++)
        {
            var itemErrors = new FieldErrors();
            if (TwinMapping.ToTherapy(dto.Therapies![i], itemErrors) is { } therapy)
            {
                therapies.Add(therapy);
            }

            foreach (var (field, reasons) in itemErrors.ToDictionary())
            {
                foreach (var reason in reasons)
                {
                    errors.Add($"therapies[{i}].{field}", reason);
                }
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(id, scenarioId)).StartAsync(dto.Name!, therapies);
        switch (result.Outcome)
        {
            case WriteOutcome.NotFound:
                return Problems.NotFound($"No twin '{id}'.");
            case WriteOutcome.Invalid:
                var invalid = new FieldErrors();
                TwinMapping.AddAll(invalid, result.Errors);
                return Problems.Validation(invalid);
            case WriteOutcome.Conflict:
                var conflict = result.Errors[0];
                return Problems.Conflict(conflict.Field, conflict.Reason);
            default:
                return TypedResults.Accepted($"/api/twins/{id}/scenarios/{scenarioId}", new ScenarioCreatedDto(scenarioId));
        }
    }

    private static async Task<IResult> List(string id, IGrainFactory grains)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        var ids = await grains.GetGrain<ITwinScenariosGrain>(id).ListAsync();
        var views = await Task.WhenAll(ids.Select(s => grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(id, s)).GetAsync()));
        return TypedResults.Ok(new ScenarioListDto([.. views.OfType<ScenarioView>().Select(ToDto)]));
    }

    private static async Task<IResult> Get(string id, string scenarioId, IGrainFactory grains)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        if (BadId(scenarioId, "scenarioId") is { } bad)
        {
            return bad;
        }

        var view = await grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(id, scenarioId)).GetAsync();
        return view is null ? Problems.NotFound($"Twin '{id}' has no scenario '{scenarioId}'.") : TypedResults.Ok(ToDto(view));
    }

    private static async Task<IResult> Compare(string id, string? ids, string? date, IGrainFactory grains)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        var errors = new FieldErrors();
        var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count is < 2 or > MaxCompared || !list.All(TwinIds.IsValid))
        {
            errors.Add("ids", $"must list 2 to {MaxCompared} scenario ids separated by commas");
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            errors.Add("date", "is required (yyyy-MM-dd)");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var views = await Task.WhenAll(list.Select(s => grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(id, s)).GetAsync()));
        if (Array.FindIndex(views, v => v is null) is var absent and >= 0)
        {
            return Problems.NotFound($"Twin '{id}' has no scenario '{list[absent]}'.");
        }

        var draws = await Task.WhenAll(views.Select(v => v!.Status == ScenarioStatus.Completed
            ? grains.GetGrain<IScenarioDrawsGrain>(ScenarioKeys.Of(id, v.ScenarioId)).GetAsync()
            : Task.FromResult<PairedDraws?>(null)));
        var columns = views.Select((v, i) => new Column(
            v!,
            v!.Prediction is { } p ? ScenarioComparison.At(p.Trajectory, on) : null,
            draws[i],
            draws[i] is { } d ? ScenarioComparison.DrawsAt(d, on) : null)).ToList();
        var differences = new List<ScenarioDifferenceDto>();
        for (var a = 0; a < columns.Count; a++)
        {
            for (var b = a + 1; b < columns.Count; b++)
            {
                if (columns[a].Point is { } pa && columns[b].Point is { } pb)
                {
                    differences.Add(Difference(columns[a], columns[b], pa, pb));
                }
            }
        }

        var methods = differences.Select(d => d.Method).Distinct().ToList();
        var method = methods.Count switch
        {
            0 => draws.All(d => d is not null) ? ScenarioComparison.PairedMethod : ScenarioComparison.Method,
            1 => methods[0],
            _ => ScenarioComparison.MixedMethod,
        };
        var common = views.Select(v => (v!.BasedOnVersion, v.Seed)).Distinct().Count() == 1;
        return TypedResults.Ok(new ScenarioComparisonDto(
            id,
            on,
            common,
            method,
            [.. columns.Select(c => new ScenarioColumnDto(
                c.View.ScenarioId,
                c.View.Name,
                Status(c.View.Status),
                c.View.BasedOnVersion,
                c.View.Seed,
                c.Point is { } p ? new TrajectoryPointDto(p.Date, p.Q05, p.Q25, p.Q50, p.Q75, p.Q95) : null,
                c.View.Prediction is { } pr ? PredictionMapping.ToDto(pr).Endpoints : null,
                c.Draws?.Count,
                c.Draws?.BedGy,
                c.AtDate is { } at ? ScenarioComparison.Interval(at) : null,
                c.Draws is { } d ? ScenarioComparison.Interval(d.NadirVolumesMl.Select(x => (double)x)) : null,
                c.Draws is { } n ? MedianDate(n.NadirDates) : null,
                c.Draws is { } r ? ScenarioComparison.Interval(r.RadiosensitivityPerGy.Select(x => (double)x)) : null))],
            differences));
    }

    /// <summary>A against B: quantile differences always; P(A lower) and the rest from paired draws when both have them.</summary>
    private static ScenarioDifferenceDto Difference(Column a, Column b, TrajectoryPoint pa, TrajectoryPoint pb)
    {
        var paired = ScenarioComparison.CanPair(a.Draws, b.Draws) && a.AtDate is not null && b.AtDate is not null
            ? ScenarioComparison.Pair(a.AtDate, b.AtDate)
            : null;
        if (paired is null)
        {
            return new ScenarioDifferenceDto(
                a.View.ScenarioId, b.View.ScenarioId, pa.Q50 - pb.Q50, pa.Q05 - pb.Q05, pa.Q95 - pb.Q95,
                ScenarioComparison.ProbabilityALower(pa, pb), ScenarioComparison.Method, null, null, null, null, null);
        }

        var nadir = ScenarioComparison.Pair(
            [.. a.Draws!.NadirVolumesMl.Select(x => (double)x)],
            [.. b.Draws!.NadirVolumesMl.Select(x => (double)x)]);
        return new ScenarioDifferenceDto(
            a.View.ScenarioId, b.View.ScenarioId, pa.Q50 - pb.Q50, pa.Q05 - pb.Q05, pa.Q95 - pb.Q95,
            paired.ProbabilityALower,
            ScenarioComparison.PairedMethod,
            a.Draws.Count,
            string.Equals(a.Draws.PosteriorHash, b.Draws.PosteriorHash, StringComparison.Ordinal),
            paired.DifferenceMl,
            paired.Ratio,
            nadir);
    }

    private static DateOnly MedianDate(DateOnly[] dates)
    {
        var days = dates.Select(d => d.DayNumber).Order().ToArray();
        return DateOnly.FromDayNumber(days[(days.Length - 1) / 2]);
    }

    internal static ScenarioDto ToDto(ScenarioView v) => new(
        v.ScenarioId,
        v.Name,
        Status(v.Status),
        v.BasedOnVersion,
        v.Seed,
        [.. v.Therapies.Select(TwinMapping.ToDto)],
        v.CreatedAt,
        v.Error,
        v.Prediction is null ? null : PredictionMapping.ToDto(v.Prediction));

    private static string Status(ScenarioStatus status) => status switch
    {
        ScenarioStatus.Pending => "pending",
        ScenarioStatus.Running => "running",
        ScenarioStatus.Completed => "completed",
        _ => "failed",
    };

    private sealed record Column(ScenarioView View, TrajectoryPoint? Point, PairedDraws? Draws, double[]? AtDate);

    private static IResult? BadId(string id, string field) =>
        TwinIds.IsValid(id) ? null : Problems.Validation(field, "must be 1-64 letters, digits, '-' or '_'");

    private static async Task<IResult?> MissingTwin(string id, IGrainFactory grains)
    {
        if (BadId(id, "id") is { } bad)
        {
            return bad;
        }

        return await grains.GetGrain<IPatientTwinGrain>(id).GetAsync() is null ? Problems.NotFound($"No twin '{id}'.") : null;
    }
}
