using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primage.Api.Audit;
using Primage.Api.Http;
using Primage.Api.Security;
using Primage.Api.Twins;
using Primage.Grains.Cohorts;
using Primage.Grains.Scenarios;
using Primage.Grains.Twins;

namespace Primage.Api.Cohorts;

/// <summary>Research cohorts: create or import, run scenarios across them, follow progress, export results.</summary>
public static class CohortEndpoints
{
    private const int MaxImportBytes = 20 * 1024 * 1024;
    private const int ImportParallelism = 8;
    private const int DefaultMaxInFlight = 8;
    private static readonly TimeSpan EventPollInterval = TimeSpan.FromMilliseconds(500);

    public static IEndpointRouteBuilder MapCohortEndpoints(this IEndpointRouteBuilder routes)
    {
        var cohorts = routes.MapGroup("/api/cohorts").WithTags("Cohorts").RequireRoles(Roles.Researcher, Roles.Admin);

        cohorts.MapPost("/{cohortId}", Create).WithName("CreateCohort").WithSummary("Create a cohort from twin ids, or add members.")
            .Accepts<CohortCreateDto>("application/json").Produces<CohortDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapGet("/{cohortId}", Get).WithName("GetCohort").WithSummary("The cohort's members and runs.")
            .Produces<CohortDto>().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapPost("/{cohortId}/import", Import).WithName("ImportCohort")
            .WithSummary("Import a CSV/TSV (subject, time in days, volume in mm^3, optional site, diagnosis, diagnosisDate): creates or updates twins '{cohortId}[-{prefix}]-{subject}'. Query: prefix (to keep files with the same subject ids apart), baseDate (yyyy-MM-dd, day 0), site, diagnosis (defaults for missing columns).")
            .Accepts<string>("text/csv").Produces<CohortImportDto>().ProducesValidationProblem();
        cohorts.MapPost("/{cohortId}/runs", StartRun).WithName("StartCohortRun").WithSummary("Run scenarios across the cohort (202).")
            .Accepts<CohortRunRequestDto>("application/json").Produces<CohortRunCreatedDto>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapGet("/{cohortId}/runs/{runId}", Progress).WithName("GetCohortRun").WithSummary("Progress: done, total, failed.")
            .Produces<CohortProgressDto>().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapGet("/{cohortId}/runs/{runId}/events", Events).WithName("CohortRunEvents").WithSummary("Server-sent \"progress\" events until the run is over.")
            .Produces<CohortProgressDto>(StatusCodes.Status200OK, "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapPost("/{cohortId}/runs/{runId}/cancel", Cancel).WithName("CancelCohortRun").WithSummary("Stop starting members.")
            .Produces<CohortProgressDto>().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapPost("/{cohortId}/runs/{runId}/resume", Resume).WithName("ResumeCohortRun").WithSummary("Continue a cancelled or interrupted run; finished members are never repeated.")
            .Produces<CohortProgressDto>().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapGet("/{cohortId}/runs/{runId}/results", Results).WithName("CohortRunResults")
            .WithSummary("Results per scenario (median and 5-95% over members of each endpoint) and per member; format=json (default) or csv.")
            .Produces<CohortResultsDto>().Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> Create(string cohortId, HttpContext context, IGrainFactory grains)
    {
        if (BadId(cohortId) is { } bad)
        {
            return bad;
        }

        var (dto, problem) = await JsonBody.ReadAsync<CohortCreateDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var ids = dto!.TwinIds ?? [];
        if (ids.Count == 0 || !ids.All(TwinIds.IsValid))
        {
            return Problems.Validation("twinIds", "must list valid twin ids");
        }

        // A twin of a site the token does not grant answers exactly as a twin that does not exist.
        var caller = Caller.From(context.User)!;
        var twins = await Task.WhenAll(ids.Select(i => grains.GetGrain<IPatientTwinGrain>(i).GetAsync()));
        if (Array.FindIndex(twins, t => t is null || !caller.HasSite(t.Profile.Site)) is var absent and >= 0)
        {
            return TwinAccess.TwinNotFound(ids[absent]);
        }

        if (await grains.GetGrain<ICohortGrain>(cohortId).GetAsync() is { } existing && !await CanSeeAllAsync(context, existing.TwinIds, grains))
        {
            return Problems.NotFound($"No cohort '{cohortId}'.");
        }

        await Task.WhenAll(ids.Distinct(StringComparer.Ordinal).Select(i => AuditTrail.RecordAsync(context, i, StatusCodes.Status200OK)));
        return TypedResults.Ok(ToDto(await grains.GetGrain<ICohortGrain>(cohortId).AddMembersAsync(ids)));
    }

    private static async Task<IResult> Get(string cohortId, HttpContext context, IGrainFactory grains)
    {
        var view = TwinIds.IsValid(cohortId) ? await grains.GetGrain<ICohortGrain>(cohortId).GetAsync() : null;
        return view is null || !await CanSeeAllAsync(context, view.TwinIds, grains) ? Problems.NotFound($"No cohort '{cohortId}'.") : TypedResults.Ok(ToDto(view));
    }

    private static async Task<IResult> Import(string cohortId, HttpContext context, IGrainFactory grains, string? baseDate, string? site, string? diagnosis, string? prefix)
    {
        if (BadId(cohortId) is { } bad)
        {
            return bad;
        }

        if (prefix is not null && !TwinIds.IsValid(prefix))
        {
            return Problems.Validation("prefix", "must be letters, digits, '-' or '_'");
        }

        // New twins go to the query's site, else the token's first granted site ("import" for an admin's token without one).
        var caller = Caller.From(context.User)!;
        var defaultSite = site ?? (caller.IsAdmin ? "import" : caller.Sites.Count > 0 ? caller.Sites[0] : null);
        if (await grains.GetGrain<ICohortGrain>(cohortId).GetAsync() is { } cohortBefore && !await CanSeeAllAsync(context, cohortBefore.TwinIds, grains))
        {
            return Problems.NotFound($"No cohort '{cohortId}'.");
        }

        var stem = prefix is null ? cohortId : $"{cohortId}-{prefix}";
        var origin = new DateOnly(2024, 1, 1);
        if (baseDate is not null && !DateOnly.TryParseExact(baseDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out origin))
        {
            return Problems.Validation("baseDate", "must be yyyy-MM-dd");
        }

        if (context.Request.ContentLength > MaxImportBytes)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Too large", $"An import is at most {MaxImportBytes} bytes.");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var (subjects, errors) = CohortCsv.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        if (subjects.Count == 0)
        {
            return Problems.Validation("file", errors.FirstOrDefault() ?? "has no rows");
        }

        var twinIds = new List<string>();
        var created = 0;
        var unchanged = 0;
        var gate = new Lock();

        // Bounded parallelism: at most ImportParallelism twins are written at a time.
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = ImportParallelism, CancellationToken = context.RequestAborted }, async (s, _) =>
        {
            var id = $"{stem}-{s.Subject}";
            var problems = new List<string>();
            if (!TwinIds.IsValid(id))
            {
                problems.Add($"subject '{s.Subject}': the twin id '{id}' is too long");
            }
            else if (!TwinVocabulary.TryParseDiagnosis(s.Diagnosis ?? diagnosis ?? "neuroblastoma", out var dx))
            {
                problems.Add($"subject '{s.Subject}': unknown diagnosis");
            }
            else
            {
                var twin = grains.GetGrain<IPatientTwinGrain>(id);
                var existing = await twin.GetAsync();
                var siteOfTwin = existing?.Profile.Site ?? s.Site ?? defaultSite;
                if (siteOfTwin is null || !caller.HasSite(siteOfTwin))
                {
                    // One message whether the twin exists at another site or would be created at one: nothing is written.
                    problems.Add($"subject '{s.Subject}': the token does not grant writing twin '{id}' (give a granted site)");
                    lock (gate)
                    {
                        errors.AddRange(problems);
                    }

                    return;
                }

                var profile = existing?.Profile ?? new TwinProfile(siteOfTwin, dx, s.DiagnosisDate ?? origin, null, null, DiseaseMarkers.None);
                var put = await twin.PutProfileAsync(profile);
                await AuditTrail.RecordAsync(context, id, put.Outcome == WriteOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, "POST /api/cohorts/{cohortId}/import");
                if (put.Outcome is WriteOutcome.Invalid or WriteOutcome.Conflict)
                {
                    problems.Add($"subject '{s.Subject}': {string.Join("; ", put.Errors.Select(e => $"{e.Field} {e.Reason}"))}");
                }
                else
                {
                    var (c, u) = (0, 0);
                    foreach (var (day, volume) in s.Measurements)
                    {
                        var observationId = "d" + day.ToString("0.###", CultureInfo.InvariantCulture).Replace('.', '_');
                        var result = await twin.AddObservationAsync(new Observation(observationId, origin.AddDays((int)Math.Round(day)), volume, Source: "import"));
                        switch (result.Outcome)
                        {
                            case WriteOutcome.Created: c++; break;
                            case WriteOutcome.Unchanged: u++; break;
                            default: problems.Add($"subject '{s.Subject}' day {day}: {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Reason}"))}"); break;
                        }
                    }

                    lock (gate)
                    {
                        twinIds.Add(id);
                        created += c;
                        unchanged += u;
                    }
                }
            }

            lock (gate)
            {
                errors.AddRange(problems);
            }
        });

        // Keep the file's order of subjects.
        var order = subjects.Select(s => $"{stem}-{s.Subject}").ToList();
        twinIds.Sort((a, b) => order.IndexOf(a).CompareTo(order.IndexOf(b)));
        if (twinIds.Count > 0)
        {
            await grains.GetGrain<ICohortGrain>(cohortId).AddMembersAsync(twinIds);
        }

        return TypedResults.Ok(new CohortImportDto(cohortId, twinIds.Count, created, unchanged, errors, twinIds));
    }

    private static async Task<IResult> StartRun(string cohortId, HttpContext context, IGrainFactory grains)
    {
        var cohort = TwinIds.IsValid(cohortId) ? await grains.GetGrain<ICohortGrain>(cohortId).GetAsync() : null;
        if (cohort is null || cohort.TwinIds.Count == 0 || !await CanSeeAllAsync(context, cohort.TwinIds, grains))
        {
            return Problems.NotFound($"No cohort '{cohortId}' with members.");
        }

        var (dto, problem) = await JsonBody.ReadAsync<CohortRunRequestDto>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var runId = dto!.RunId ?? Guid.NewGuid().ToString("N")[..12];
        if (!TwinIds.IsValid(runId))
        {
            errors.Add("runId", "must be 1-64 letters, digits, '-' or '_'");
        }

        if (dto.MaxInFlight is < 1 or > 1000)
        {
            errors.Add("maxInFlight", "must be from 1 to 1000");
        }

        var scenarios = new List<CohortScenario>();
        var list = dto.Scenarios ?? [];
        if (list.Count is 0 or > 20)
        {
            errors.Add("scenarios", "must hold 1 to 20 scenarios");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (s.ScenarioId is null || !TwinIds.IsValid(s.ScenarioId) || list.Count(o => o.ScenarioId == s.ScenarioId) > 1)
            {
                errors.Add($"scenarios[{i}].scenarioId", "is required, unique, 1-64 letters, digits, '-' or '_'");
            }

            if (string.IsNullOrWhiteSpace(s.Name))
            {
                errors.Add($"scenarios[{i}].name", "is required");
            }

            var therapies = new List<TherapyRecord>();
            for (var j = 0; j < (s.Therapies?.Count ?? 0); j++)
            {
                var itemErrors = new FieldErrors();
                if (TwinMapping.ToTherapy(s.Therapies![j], itemErrors) is { } therapy)
                {
                    therapies.Add(therapy);
                }

                foreach (var (field, reasons) in itemErrors.ToDictionary())
                {
                    foreach (var reason in reasons)
                    {
                        errors.Add($"scenarios[{i}].therapies[{j}].{field}", reason);
                    }
                }
            }

            scenarios.Add(new CohortScenario(s.ScenarioId ?? "", s.Name ?? "", therapies));
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetGrain<ICohortRunGrain>($"{cohortId}/{runId}").StartAsync(cohort.TwinIds, scenarios, dto.MaxInFlight ?? DefaultMaxInFlight);
        return result.Outcome == WriteOutcome.Invalid
            ? Problems.Validation(result.Errors[0].Field, result.Errors[0].Reason)
            : TypedResults.Accepted($"/api/cohorts/{cohortId}/runs/{runId}", new CohortRunCreatedDto(runId));
    }

    private static async Task<IResult> Progress(string cohortId, string runId, HttpContext context, IGrainFactory grains)
        => await Read(cohortId, runId, context, grains) is { } p ? TypedResults.Ok(ToDto(p)) : Problems.NotFound($"No run '{runId}' of cohort '{cohortId}'.");

    private static async Task<IResult> Cancel(string cohortId, string runId, HttpContext context, IGrainFactory grains)
    {
        if (await Read(cohortId, runId, context, grains) is null)
        {
            return Problems.NotFound($"No run '{runId}' of cohort '{cohortId}'.");
        }

        var run = grains.GetGrain<ICohortRunGrain>($"{cohortId}/{runId}");
        await run.CancelAsync();
        return TypedResults.Ok(ToDto((await run.GetProgressAsync())!));
    }

    private static async Task<IResult> Resume(string cohortId, string runId, HttpContext context, IGrainFactory grains)
    {
        if (await Read(cohortId, runId, context, grains) is null)
        {
            return Problems.NotFound($"No run '{runId}' of cohort '{cohortId}'.");
        }

        var run = grains.GetGrain<ICohortRunGrain>($"{cohortId}/{runId}");
        await run.ResumeAsync();
        return TypedResults.Ok(ToDto((await run.GetProgressAsync())!));
    }

    private static async Task<IResult> Events(string cohortId, string runId, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
        => await Read(cohortId, runId, context, grains) is null
            ? Problems.NotFound($"No run '{runId}' of cohort '{cohortId}'.")
            : TypedResults.ServerSentEvents(Stream(grains.GetGrain<ICohortRunGrain>($"{cohortId}/{runId}"), cancellationToken));

    /// <summary>A "progress" event whenever the counts change (the first at once), the last when the run is over.</summary>
    private static async IAsyncEnumerable<SseItem<CohortProgressDto>> Stream(ICohortRunGrain run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CohortProgressDto? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var progress = ToDto((await run.GetProgressAsync())!);
            if (progress != last)
            {
                last = progress;
                yield return new SseItem<CohortProgressDto>(progress, "progress");
            }

            if (progress.Status != "running")
            {
                yield break;
            }

            try
            {
                await Task.Delay(EventPollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static async Task<IResult> Results(string cohortId, string runId, string? format, HttpContext context, IGrainFactory grains)
    {
        if (await Read(cohortId, runId, context, grains) is not { } progress)
        {
            return Problems.NotFound($"No run '{runId}' of cohort '{cohortId}'.");
        }

        // The results read every member's scenario forecasts: each member twin's trail records the read.
        await Task.WhenAll(progress.TwinIds.Distinct(StringComparer.Ordinal).Select(t => AuditTrail.RecordAsync(context, t, StatusCodes.Status200OK)));

        // The run's record of failures also covers members a twin refused before any scenario existed.
        var failed = (progress.FailedMembers ?? []).ToHashSet();
        var members = new List<CohortMemberResultDto>();
        for (var t = 0; t < progress.TwinIds.Count; t++)
        {
            var twinId = progress.TwinIds[t];
            var views = await Task.WhenAll(progress.Scenarios.Select(s => grains.GetGrain<IScenarioGrain>(ScenarioKeys.Of(twinId, $"{cohortId}-{runId}-{s.ScenarioId}")).GetAsync()));
            for (var i = 0; i < views.Length; i++)
            {
                var view = views[i];
                var endpoints = new SortedDictionary<string, double>(StringComparer.Ordinal);
                if (view?.Prediction is { } prediction)
                {
                    Flatten(JsonNode.Parse(prediction.EndpointsJson), "", endpoints);
                    if (prediction.Trajectory.Count > 0)
                    {
                        endpoints["finalVolumeMl.q50"] = prediction.Trajectory[^1].Q50;
                    }
                }

                var status = view?.Status switch
                {
                    ScenarioStatus.Completed => "completed",
                    ScenarioStatus.Failed => "failed",
                    _ when failed.Contains((t * progress.Scenarios.Count) + i) => "failed",
                    null => "not-started",
                    _ => "running",
                };
                members.Add(new CohortMemberResultDto(twinId, progress.Scenarios[i].ScenarioId, status, endpoints));
            }
        }

        var aggregates = progress.Scenarios.Select(s =>
        {
            var mine = members.Where(m => m.ScenarioId == s.ScenarioId).ToList();
            var done = mine.Where(m => m.Status == "completed").ToList();
            var keys = done.SelectMany(m => m.Endpoints.Keys).Distinct().Order(StringComparer.Ordinal);
            var summaries = keys.Select(k =>
            {
                var values = done.Where(m => m.Endpoints.ContainsKey(k)).Select(m => m.Endpoints[k]).Order().ToArray();
                return new EndpointSummaryDto(k, values.Length, Quantile(values, 0.5), Quantile(values, 0.05), Quantile(values, 0.95));
            }).ToList();
            return new ScenarioAggregateDto(s.ScenarioId, s.Name, done.Count, mine.Count(m => m.Status == "failed"), summaries);
        }).ToList();

        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            var keys = members.SelectMany(m => m.Endpoints.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var csv = new StringBuilder();
            csv.AppendLine(string.Join(',', new[] { "twinId", "scenarioId", "status" }.Concat(keys)));
            foreach (var m in members)
            {
                csv.AppendLine(string.Join(',', new[] { m.TwinId, m.ScenarioId, m.Status }.Concat(
                    keys.Select(k => m.Endpoints.TryGetValue(k, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""))));
            }

            return TypedResults.Text(csv.ToString(), "text/csv");
        }

        return TypedResults.Ok(new CohortResultsDto(ToDto(progress), aggregates, members));
    }

    /// <summary>Numeric leaves of the endpoints document as "a.b.c" paths (array items by index).</summary>
    private static void Flatten(JsonNode? node, string prefix, IDictionary<string, double> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", into);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{prefix}.{i}", into);
                }

                break;
            case JsonValue value when value.TryGetValue<double>(out var number) && double.IsFinite(number):
                into[prefix] = number;
                break;
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The run's progress, or null when it does not exist or the caller may not see every member twin.</summary>
    private static async Task<CohortProgress?> Read(string cohortId, string runId, HttpContext context, IGrainFactory grains)
    {
        var progress = TwinIds.IsValid(cohortId) && TwinIds.IsValid(runId) ? await grains.GetGrain<ICohortRunGrain>($"{cohortId}/{runId}").GetProgressAsync() : null;
        return progress is not null && await CanSeeAllAsync(context, progress.TwinIds, grains) ? progress : null;
    }

    /// <summary>
    /// A cohort is visible only to callers granted the site of every member twin (admins see all), so a
    /// cohort route never shows a researcher another site's twins; otherwise it answers as a missing cohort.
    /// </summary>
    private static async Task<bool> CanSeeAllAsync(HttpContext context, IReadOnlyList<string> twinIds, IGrainFactory grains)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return false;
        }

        if (caller.IsAdmin)
        {
            return true;
        }

        var twins = await Task.WhenAll(twinIds.Distinct(StringComparer.Ordinal).Select(id => grains.GetGrain<IPatientTwinGrain>(id).GetAsync()));
        return twins.All(t => t is not null && caller.HasSite(t.Profile.Site));
    }

    private static CohortProgressDto ToDto(CohortProgress p) => new(
        p.CohortId,
        p.RunId,
        p.Status switch { CohortRunStatus.Completed => "completed", CohortRunStatus.Cancelled => "cancelled", _ => "running" },
        p.Total,
        p.Done,
        p.Failed,
        p.InFlight,
        p.StartedAt,
        p.FinishedAt);

    private static CohortDto ToDto(CohortView v) => new(v.CohortId, v.TwinIds, v.RunIds, v.CreatedAt);

    private static IResult? BadId(string id) => TwinIds.IsValid(id) ? null : Problems.Validation("cohortId", "must be 1-64 letters, digits, '-' or '_'");
}
