using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Primage.Cli;

/// <summary>The command implementations.</summary>
internal static class Commands
{
    private const int SubjectsPerRequest = 10;

    /// <summary>Imports a file in chunks of whole subjects, so the bar advances per chunk.</summary>
    public static async Task<int> ImportAsync(ApiClient api, FileInfo file, string cohort, string? prefix, string? baseDate, string? diagnosis, CancellationToken cancellationToken)
    {
        var lines = (await File.ReadAllLinesAsync(file.FullName, cancellationToken)).Where(l => l.Trim().Length > 0).ToList();
        var header = lines[0];
        var separator = header.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var columns = header.Split(separator).Select(c => c.Trim().ToLowerInvariant()).ToList();
        var subjectColumn = Math.Max(columns.IndexOf("subject"), columns.IndexOf("id"));
        var bySubject = lines.Skip(1).GroupBy(l => l.Split(separator)[Math.Max(0, subjectColumn)].Trim()).ToList();
        var chunks = bySubject.Chunk(SubjectsPerRequest).ToList();
        var query = $"?baseDate={baseDate ?? "2024-01-01"}" + (prefix is null ? "" : $"&prefix={prefix}") + (diagnosis is null ? "" : $"&diagnosis={diagnosis}");
        var (twins, observations, errors) = (0, 0, new List<string>());

        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"import {file.Name}", maxValue: bySubject.Count);
                foreach (var chunk in chunks)
                {
                    var body = string.Join('\n', new[] { header }.Concat(chunk.SelectMany(g => g)));
                    var result = await api.PostTextAsync($"/api/cohorts/{cohort}/import{query}", body, "text/csv", cancellationToken);
                    twins += result["twins"]!.GetValue<int>();
                    observations += result["observationsCreated"]!.GetValue<int>();
                    errors.AddRange(result["errors"]!.AsArray().Select(e => (string)e!));
                    task.Increment(chunk.Length);
                }
            });

        AnsiConsole.MarkupLineInterpolated($"[green]{twins}[/] twins, [green]{observations}[/] new observations in cohort [bold]{cohort}[/]; {errors.Count} rows refused");
        foreach (var e in errors.Take(20))
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]{e}[/]");
        }

        return 0;
    }

    /// <summary>Starts a run from scenario files (each a scenario object, or an array of them) and follows it.</summary>
    public static async Task<int> RunAsync(ApiClient api, string cohort, FileInfo[] scenarioFiles, string? runId, int? maxInFlight, bool follow, CancellationToken cancellationToken)
    {
        var scenarios = new JsonArray();
        foreach (var f in scenarioFiles)
        {
            var node = JsonNode.Parse(await File.ReadAllTextAsync(f.FullName, cancellationToken))!;
            foreach (var s in node is JsonArray array ? array.ToList() : [node])
            {
                var scenario = s!.DeepClone().AsObject();
                scenario["scenarioId"] ??= Path.GetFileNameWithoutExtension(f.Name);
                scenarios.Add(scenario);
            }
        }

        var request = new JsonObject { ["runId"] = runId, ["scenarios"] = scenarios, ["maxInFlight"] = maxInFlight };
        var created = await api.PostJsonAsync($"/api/cohorts/{cohort}/runs", request.ToJsonString(), cancellationToken);
        var id = (string)created["runId"]!;
        AnsiConsole.MarkupLineInterpolated($"run [bold]{id}[/] of cohort [bold]{cohort}[/] started");
        return follow ? await StatusAsync(api, cohort, id, once: false, cancellationToken) : 0;
    }

    /// <summary>Shows the run's progress, following it until it is over unless once.</summary>
    public static async Task<int> StatusAsync(ApiClient api, string cohort, string run, bool once, CancellationToken cancellationToken)
    {
        var path = $"/api/cohorts/{cohort}/runs/{run}";
        var progress = await api.GetAsync(path, cancellationToken);
        if (!once)
        {
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"{cohort}/{run}", maxValue: progress["total"]!.GetValue<int>());
                    while (true)
                    {
                        task.Value = progress["done"]!.GetValue<int>();
                        task.Description = $"{cohort}/{run} (failed {progress["failed"]})";
                        if ((string)progress["status"]! != "running")
                        {
                            break;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                        progress = await api.GetAsync(path, cancellationToken);
                    }
                });
        }

        var table = new Table().AddColumns("status", "done", "total", "failed", "in flight", "started", "finished");
        table.AddRow(
            (string)progress["status"]!,
            progress["done"]!.ToJsonString(),
            progress["total"]!.ToJsonString(),
            progress["failed"]!.ToJsonString(),
            progress["inFlight"]!.ToJsonString(),
            (string?)progress["startedAt"] ?? "",
            (string?)progress["finishedAt"] ?? "");
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>Writes the run's results as CSV or JSON.</summary>
    public static async Task<int> ExportAsync(ApiClient api, string cohort, string run, string format, FileInfo? output, CancellationToken cancellationToken)
    {
        var text = await api.GetTextAsync($"/api/cohorts/{cohort}/runs/{run}/results?format={format}", cancellationToken);
        if (output is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            await File.WriteAllTextAsync(output.FullName, text, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"wrote [bold]{output.FullName}[/]");
        }

        return 0;
    }

    /// <summary>
    /// Throughput (twin-scenarios per minute) and orchestration overhead of a finished run:
    /// overhead = wall time / (sum of kernel times / cores), wall time from the run's start to its end.
    /// </summary>
    public static async Task<int> MeasureAsync(ApiClient api, string cohort, string run, int cores, CancellationToken cancellationToken)
    {
        var results = await api.GetAsync($"/api/cohorts/{cohort}/runs/{run}/results", cancellationToken);
        var progress = results["progress"]!;
        if ((string)progress["status"]! != "completed")
        {
            AnsiConsole.MarkupLine("[red]the run is not completed[/]");
            return 1;
        }

        var wall = (DateTimeOffset.Parse((string)progress["finishedAt"]!, CultureInfo.InvariantCulture) - DateTimeOffset.Parse((string)progress["startedAt"]!, CultureInfo.InvariantCulture)).TotalMilliseconds;
        var kernel = 0.0;
        var members = results["members"]!.AsArray().Where(m => (string)m!["status"]! == "completed").ToList();
        foreach (var m in members)
        {
            var scenario = await api.GetAsync($"/api/twins/{(string)m!["twinId"]!}/scenarios/{cohort}-{run}-{(string)m["scenarioId"]!}", cancellationToken);
            // The kernel's own timing when the backend reports it, else the backend's run time (start to finish of the step).
            var provenance = scenario["prediction"]?["provenance"];
            kernel += provenance?["kernelMilliseconds"]?.GetValue<double>()
                ?? (provenance?["startedAt"] is { } started
                    ? (DateTimeOffset.Parse((string)provenance["finishedAt"]!, CultureInfo.InvariantCulture) - DateTimeOffset.Parse((string)started!, CultureInfo.InvariantCulture)).TotalMilliseconds
                    : 0.0);
        }

        var total = progress["total"]!.GetValue<int>();
        var table = new Table().AddColumns("members", "completed", "wall s", "sum kernel s", "cores", "twin-scenarios/min", "overhead");
        table.AddRow(
            total.ToString(CultureInfo.InvariantCulture),
            members.Count.ToString(CultureInfo.InvariantCulture),
            (wall / 1000).ToString("F1", CultureInfo.InvariantCulture),
            (kernel / 1000).ToString("F1", CultureInfo.InvariantCulture),
            cores.ToString(CultureInfo.InvariantCulture),
            (total / (wall / 60_000)).ToString("F1", CultureInfo.InvariantCulture),
            (wall / (kernel / cores)).ToString("F2", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return 0;
    }
}
