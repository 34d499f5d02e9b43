using System.CommandLine;
using System.Globalization;
using Primage.Kernels.Growth;
using Primage.Validation;

// Validation of calibration and forecasts on a real cohort (docs/calibration.md, "Validation").
// dotnet run --project tools/Primage.Validation -c Release -- --file validation/data/tumour-growth/lung_llc_volume.tsv --k 3,4,5 --out docs/validation/lung.md
var fileOption = new Option<FileInfo>("--file") { Description = "Cohort file: tab-separated with a header; subject id, time (days), volume (mm^3).", Required = true };
var kOption = new Option<string>("--k") { Description = "Comma-separated numbers of calibration points per subject.", DefaultValueFactory = _ => "3,4,5" };
var outOption = new Option<FileInfo>("--out") { Description = "Markdown report to write.", Required = true };
var particlesOption = new Option<int>("--particles") { Description = "Particles per model (default: the engine's default).", DefaultValueFactory = _ => Primage.Kernels.Calibration.SmcSettings.Default.ParticleCount };
var seedOption = new Option<long>("--seed") { Description = "Seed of every random draw.", DefaultValueFactory = _ => 42 };
var modelsOption = new Option<string>("--models") { Description = "Comma-separated growth models (default: all).", DefaultValueFactory = _ => "all" };
var threadsOption = new Option<int>("--threads") { Description = "Worker threads over subjects (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
var costOption = new Option<bool>("--sequential-cost") { Description = "Also measure the cost of sequential updates on the longest series.", DefaultValueFactory = _ => true };

var root = new RootCommand("Calibrate on the first k points of every subject, forecast the rest, and report errors, interval coverage and baselines.")
{
    fileOption, kOption, outOption, particlesOption, seedOption, modelsOption, threadsOption, costOption,
};

root.SetAction(parse =>
{
    var file = parse.GetValue(fileOption)!;
    var ks = parse.GetValue(kOption)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToArray();
    var output = parse.GetValue(outOption)!;
    var particles = parse.GetValue(particlesOption);
    var seed = parse.GetValue(seedOption);
    var threads = Math.Max(1, parse.GetValue(threadsOption));
    var modelNames = parse.GetValue(modelsOption)!;
    var models = modelNames == "all"
        ? GrowthModels.All
        : modelNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(GrowthModels.Get).ToArray();

    var (subjects, dropped) = CohortFile.Read(file.FullName);
    Console.WriteLine($"{subjects.Count} subjects, {subjects.Sum(s => s.Days.Length)} rows ({dropped} dropped); fitting population priors...");
    var validation = new CohortValidation(subjects, models, particles, seed, threads);
    validation.FitSubjects();
    Console.WriteLine($"population fits in {validation.PopulationFitTime.TotalSeconds:F1} s; calibrating and forecasting...");
    var points = validation.Run(ks);
    Console.WriteLine($"{points.Count} forecast points in {validation.ForecastTime.TotalSeconds:F1} s");
    (string Text, double EngineRatio, double StepRatio)? cost = parse.GetValue(costOption) ? SequentialCost.Measure(validation, subjects, particles, seed) : null;

    var relativeFile = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName).Replace('\\', '/');
    var relativeOut = Path.GetRelativePath(Environment.CurrentDirectory, output.FullName).Replace('\\', '/');
    var context = new ReportContext(
        relativeFile,
        $"dotnet run --project tools/Primage.Validation -c Release -- --file {relativeFile} --k {string.Join(',', ks)} --out {relativeOut}"
            + (particles != Primage.Kernels.Calibration.SmcSettings.Default.ParticleCount ? $" --particles {particles}" : string.Empty)
            + (seed != 42 ? $" --seed {seed}" : string.Empty)
            + (modelNames != "all" ? $" --models {modelNames}" : string.Empty),
        subjects.Count,
        subjects.Sum(s => s.Days.Length),
        dropped,
        particles,
        seed,
        threads,
        validation.ModelNames,
        validation.PooledErrorModel.Sigma,
        validation.PooledErrorModel.Alpha,
        PublishedFindings.Read(file.FullName),
        cost?.Text,
        cost?.EngineRatio,
        cost?.StepRatio,
        validation.EmIterations,
        validation.EmConverged,
        validation.AllSubjectPriors,
        validation.PopulationFitTime.TotalSeconds,
        validation.ForecastTime.TotalSeconds);
    output.Directory?.Create();
    File.WriteAllText(output.FullName, ReportWriter.Write(context, points));
    Console.WriteLine($"report written to {output.FullName}");
    return 0;
});

return root.Parse(args).Invoke();
