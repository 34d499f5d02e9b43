using System.CommandLine;
using Primage.Endpoints;

var data = new Option<FileInfo>("--data") { Description = "Cohort table (TSV).", Required = true };
var output = new Option<FileInfo>("--out") { Description = "Markdown report to write.", Required = true };
var modelOut = new Option<FileInfo?>("--model-out") { Description = "Where to write the stored model (JSON embedded in Primage.Kernels)." };

var evaluate = new Command("evaluate", "Train the neuroblastoma ridge Cox model on the training split, evaluate it on the validation split, write the report and the stored model.");
evaluate.Options.Add(data);
evaluate.Options.Add(output);
evaluate.Options.Add(modelOut);
evaluate.SetAction(parse => NeuroblastomaEvaluation.Run(
    parse.GetValue(data)!,
    parse.GetValue(output)!,
    parse.GetValue(modelOut) ?? new FileInfo(Path.Combine("src", "Primage.Kernels", "Survival", "Neuroblastoma", "neuroblastoma-cox.json"))));

var dipg = new Command("dipg", "Check what the OpenPBTA DIPG cohort allows against the Jansen 2015 model and write the report and the cohort reference.");
dipg.Options.Add(data);
dipg.Options.Add(output);
dipg.Options.Add(modelOut);
dipg.SetAction(parse => DipgEvaluation.Run(
    parse.GetValue(data)!,
    parse.GetValue(output)!,
    parse.GetValue(modelOut) ?? new FileInfo(Path.Combine("src", "Primage.Kernels", "Survival", "Dipg", "dipg-openpbta-km.json"))));

var root = new RootCommand("Primage clinical end points: training and evaluation of survival predictors.");
root.Subcommands.Add(evaluate);
root.Subcommands.Add(dipg);
return root.Parse(args).Invoke();
