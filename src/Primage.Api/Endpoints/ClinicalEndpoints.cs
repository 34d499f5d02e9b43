using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Primage.Grains.Twins;
using Primage.Kernels.Survival;
using Primage.Kernels.Survival.Dipg;
using Primage.Kernels.Survival.Inrg;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Api.Endpoints;

/// <summary>
/// A twin's clinical end points from its current profile: for neuroblastoma the INRG pre-treatment
/// risk group and the EFS/OS predictor; for DIPG the 12-month survival model. Pure and cheap, so it
/// is computed on every read and always reflects the current profile (docs/model-cards/).
/// </summary>
public static class ClinicalEndpoints
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JsonObject Compute(TwinProfile profile)
    {
        var result = new JsonObject { ["diagnosis"] = TwinVocabulary.ToWire(profile.Diagnosis) };
        var f = profile.Factors;
        if (profile.Diagnosis == Diagnosis.Neuroblastoma)
        {
            var (histology, histologyNote) = ProfileWire.Histology(profile.Markers.Histology);
            var inrg = InrgClassifier.Classify(new InrgInputs(
                ProfileWire.InrgssStage(f.InrgssStage),
                profile.AgeAtDiagnosisMonths,
                histology,
                ProfileWire.Grade(profile.Markers.Grade),
                profile.Markers.MycnAmplified,
                f.ElevenQAberration,
                ProfileWire.Ploidy(f.Ploidy)));
            var riskGroup = JsonSerializer.SerializeToNode(inrg, Options)!.AsObject();
            if (histologyNote is not null)
            {
                riskGroup["note"] = histologyNote;
            }

            result["riskGroup"] = riskGroup;
            result["survival"] = JsonSerializer.SerializeToNode(EndpointPredictor.ForNeuroblastoma(new NeuroblastomaFeatures(
                ProfileWire.InssStage(f.InssStage),
                profile.AgeAtDiagnosisMonths,
                profile.Markers.MycnAmplified,
                f.HighRisk,
                ProfileWire.Male(profile.Sex))), Options);
        }
        else
        {
            result["riskGroup"] = null;
            result["survival"] = JsonSerializer.SerializeToNode(EndpointPredictor.ForDipg(new DipgFeatures(
                profile.AgeAtDiagnosisMonths,
                f.SymptomDurationMonths,
                f.RingEnhancement,
                f.ReceivesChemotherapy)), Options);
        }

        return result;
    }
}
