using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Grains.Predictions;
using Primage.Grains.Twins;
using Primage.Kernels.Runner;

namespace Primage.Api.Predictions;

/// <summary>A twin's predictions: the latest, the history, one version, the event stream, and replay.</summary>
public static class PredictionEndpoints
{
    /// <summary>How often the event stream looks for a new version (a cheap read of the twin).</summary>
    private static readonly TimeSpan EventPollInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapPredictionEndpoints(this IEndpointRouteBuilder routes)
    {
        var twins = routes.MapGroup("/api/twins/{id}").WithTags("Predictions");

        twins.MapGet("/prediction", GetLatest)
            .WithName("GetLatestPrediction")
            .RequireTwinAccess(TwinPermission.Predictions)
            .WithSummary("The twin's latest prediction; 404 before the first one.")
            .Produces<PredictionDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        twins.MapGet("/predictions", List)
            .WithName("ListPredictions")
            .RequireTwinAccess(TwinPermission.Predictions)
            .WithSummary("The prediction history, newest first, paged by skip and take (at most 100).")
            .Produces<PredictionPageDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        twins.MapGet("/predictions/{version:int}", GetVersion)
            .WithName("GetPrediction")
            .RequireTwinAccess(TwinPermission.Predictions)
            .WithSummary("One prediction version.")
            .Produces<PredictionDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        twins.MapPost("/predictions/{version:int}/replay", Replay)
            .WithName("ReplayPrediction")
            .RequireTwinAccess(TwinPermission.Replay)
            .WithSummary("Re-runs the version's step from its archived input and seed on this machine and says whether the output is identical.")
            .Produces<ReplayDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        twins.MapGet("/events", Events)
            .WithName("TwinEvents")
            .RequireTwinAccess(TwinPermission.Predictions)
            .WithSummary("Server-sent events: \"prediction\" with {twinId, version, createdAt} for every new prediction version (the first event announces the current version).")
            .Produces<PredictionEventDto>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> GetLatest(string id, IGrainFactory grains)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        var latest = await grains.GetGrain<ITwinPredictionsGrain>(id).GetLatestAsync();
        return latest is null
            ? Problems.NotFound($"Twin '{id}' has no prediction yet.")
            : TypedResults.Ok(await WithEndpoints(PredictionMapping.ToDto(latest), id, grains));
    }

    private static async Task<IResult> List(string id, IGrainFactory grains, int? skip, int? take)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        var errors = new FieldErrors();
        if (skip is < 0)
        {
            errors.Add("skip", "must not be negative");
        }

        if (take is < 1 or > 100)
        {
            errors.Add("take", "must be from 1 to 100");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var (s, t) = (skip ?? 0, take ?? 20);
        var page = await grains.GetGrain<ITwinPredictionsGrain>(id).ListAsync(s, t);
        return TypedResults.Ok(new PredictionPageDto([.. page.Items.Select(PredictionMapping.ToDto)], page.Total, s, t));
    }

    private static async Task<IResult> GetVersion(string id, int version, IGrainFactory grains)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        var prediction = await grains.GetGrain<ITwinPredictionsGrain>(id).GetAsync(version);
        return prediction is null
            ? Problems.NotFound($"Twin '{id}' has no prediction version {version}.")
            : TypedResults.Ok(await WithEndpoints(PredictionMapping.ToDto(prediction), id, grains));
    }

    private static async Task<IResult> Replay(string id, int version, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        var prediction = await grains.GetGrain<ITwinPredictionsGrain>(id).GetAsync(version);
        if (prediction is null)
        {
            return Problems.NotFound($"Twin '{id}' has no prediction version {version}.");
        }

        var archive = await grains.GetGrain<IStepArchiveGrain>(prediction.Provenance.StepId).GetAsync();
        if (archive?.OutputDocument is not { } stored)
        {
            return Problems.NotFound($"The archived documents of step '{prediction.Provenance.StepId}' are missing.");
        }

        // Kernel work runs on the thread pool, never on a request's or a grain's scheduler.
        var clock = Stopwatch.StartNew();
        var replayed = await Task.Run(() => StepRunner.Run(archive.InputDocument, includeTimings: false, cancellationToken), cancellationToken);
        clock.Stop();
        var storedBody = ForecastDocuments.WithoutTimings(stored);
        var replayedBody = ForecastDocuments.WithoutTimings(replayed);
        return TypedResults.Ok(new ReplayDto(
            version,
            prediction.Provenance.StepId,
            string.Equals(storedBody, replayedBody, StringComparison.Ordinal),
            prediction.Provenance.OutputHash,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(replayedBody))),
            clock.Elapsed.TotalMilliseconds));
    }

    private static async Task<IResult> Events(string id, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await MissingTwin(id, grains) is { } missing)
        {
            return missing;
        }

        return TypedResults.ServerSentEvents(Stream(id, grains, cancellationToken));
    }

    /// <summary>
    /// Polls the twin's (read-only, interleaving) calibration view and announces every version in
    /// order, also when several land between two polls. Polling keeps the stream independent of
    /// which silo holds the twin.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<PredictionEventDto>> Stream(string id, IGrainFactory grains, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var twin = grains.GetGrain<IPatientTwinGrain>(id);
        var history = grains.GetGrain<ITwinPredictionsGrain>(id);
        var announced = -1;
        var quiet = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            var latest = (await twin.GetCalibrationAsync()).Latest;
            var current = latest?.Version ?? 0;
            if (announced < 0)
            {
                announced = current;
                yield return Event(id, current, latest?.CreatedAt ?? DateTimeOffset.MinValue);
                quiet = TimeSpan.Zero;
            }

            while (announced < current)
            {
                announced++;
                var created = announced == current ? latest!.CreatedAt : (await history.GetAsync(announced))?.CreatedAt ?? latest!.CreatedAt;
                yield return Event(id, announced, created);
                quiet = TimeSpan.Zero;
            }

            if (quiet >= KeepAliveInterval)
            {
                yield return new SseItem<PredictionEventDto>(new PredictionEventDto(id, announced, latest?.CreatedAt ?? DateTimeOffset.MinValue), "keepalive");
                quiet = TimeSpan.Zero;
            }

            try
            {
                await Task.Delay(EventPollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            quiet += EventPollInterval;
        }
    }

    private static SseItem<PredictionEventDto> Event(string id, int version, DateTimeOffset createdAt) =>
        new(new PredictionEventDto(id, version, createdAt), "prediction") { EventId = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static async Task<PredictionDto> WithEndpoints(PredictionDto dto, string id, IGrainFactory grains)
    {
        var twin = await grains.GetGrain<IPatientTwinGrain>(id).GetAsync();
        return twin is null ? dto : dto with { ClinicalEndpoints = Endpoints.ClinicalEndpoints.Compute(twin.Profile) };
    }

    private static async Task<IResult?> MissingTwin(string id, IGrainFactory grains)
    {
        if (!TwinIds.IsValid(id))
        {
            return Problems.Validation("id", "must be 1-64 letters, digits, '-' or '_'");
        }

        return await grains.GetGrain<IPatientTwinGrain>(id).GetAsync() is null ? Problems.NotFound($"No twin '{id}'.") : null;
    }
}
