using System.CommandLine;
using Primage.Cli;

var url = new Option<string>("--url") { Description = "The API's base address.", DefaultValueFactory = _ => "http://127.0.0.1:5080", Recursive = true };
var token = new Option<string?>("--token") { Description = "A bearer token (researcher role).", Recursive = true };
var cohort = new Option<string>("--cohort") { Description = "Cohort id.", Required = true };
var runOption = new Option<string>("--run") { Description = "Run id.", Required = true };

var file = new Option<FileInfo>("--file") { Description = "CSV/TSV of subject, time (days), volume (mm^3), optional site, diagnosis, diagnosisDate.", Required = true };
var prefix = new Option<string?>("--prefix") { Description = "Subject prefix to keep files with the same subject ids apart (twin ids are {cohort}-{prefix}-{subject})." };
var baseDate = new Option<string?>("--base-date") { Description = "The date of day 0 (yyyy-MM-dd; default 2024-01-01)." };
var diagnosis = new Option<string?>("--diagnosis") { Description = "Diagnosis for subjects without one (neuroblastoma or dipg)." };
var import = new Command("import", "Create or update the cohort's twins from a file, with a progress bar.") { file, cohort, prefix, baseDate, diagnosis };
import.SetAction((parse, ct) => Run(parse.GetValue(url)!, parse.GetValue(token), api => Commands.ImportAsync(api, parse.GetValue(file)!, parse.GetValue(cohort)!, parse.GetValue(prefix), parse.GetValue(baseDate), parse.GetValue(diagnosis), ct)));

var scenario = new Option<FileInfo[]>("--scenario") { Description = "A scenario JSON file {scenarioId?, name, therapies[]} or an array of them; repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
var runId = new Option<string?>("--run-id") { Description = "Run id (generated when absent)." };
var maxInFlight = new Option<int?>("--max-in-flight") { Description = "Members started at a time (default 8)." };
var noFollow = new Option<bool>("--no-follow") { Description = "Return once the run is started." };
var run = new Command("run", "Run scenarios across a cohort and follow the progress.") { cohort, scenario, runId, maxInFlight, noFollow };
run.SetAction((parse, ct) => Run(parse.GetValue(url)!, parse.GetValue(token), api => Commands.RunAsync(api, parse.GetValue(cohort)!, parse.GetValue(scenario)!, parse.GetValue(runId), parse.GetValue(maxInFlight), !parse.GetValue(noFollow), ct)));

var once = new Option<bool>("--once") { Description = "Print the progress once instead of following it." };
var status = new Command("status", "A run's progress (done, total, failed).") { cohort, runOption, once };
status.SetAction((parse, ct) => Run(parse.GetValue(url)!, parse.GetValue(token), api => Commands.StatusAsync(api, parse.GetValue(cohort)!, parse.GetValue(runOption)!, parse.GetValue(once), ct)));

var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
var output = new Option<FileInfo?>("--out") { Description = "File to write (standard output when absent)." };
var export = new Command("export", "A run's results per member and per scenario.") { cohort, runOption, format, output };
export.SetAction((parse, ct) => Run(parse.GetValue(url)!, parse.GetValue(token), api => Commands.ExportAsync(api, parse.GetValue(cohort)!, parse.GetValue(runOption)!, parse.GetValue(format)!, parse.GetValue(output), ct)));

var cores = new Option<int>("--cores") { Description = "Cores the local backend used (Primage:Backends:Local:MaxParallelism).", Required = true };
var measure = new Command("measure", "Throughput and orchestration overhead of a finished run.") { cohort, runOption, cores };
measure.SetAction((parse, ct) => Run(parse.GetValue(url)!, parse.GetValue(token), api => Commands.MeasureAsync(api, parse.GetValue(cohort)!, parse.GetValue(runOption)!, parse.GetValue(cores), ct)));

var root = new RootCommand("Primage researcher command line: cohorts and what-if scenarios through the HTTP API.") { url, token };
root.Subcommands.Add(import);
root.Subcommands.Add(run);
root.Subcommands.Add(status);
root.Subcommands.Add(export);
root.Subcommands.Add(measure);
return await root.Parse(args).InvokeAsync();

static async Task<int> Run(string baseUrl, string? bearer, Func<ApiClient, Task<int>> action)
{
    using var api = new ApiClient(new Uri(baseUrl), bearer);
    try
    {
        return await action(api);
    }
    catch (HttpRequestException ex)
    {
        Spectre.Console.AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
        return 2;
    }
}
