using System.Text.Json.Nodes;
using Primage.Api.Predictions;

namespace Primage.Api.Scenarios;

/// <summary>
/// One scenario in a comparison: its predictive volume quantiles (mL) on the date and its endpoints;
/// with paired draws also their number, the plan's radiotherapy BED (Gy, alpha/beta 10), the draws'
/// tumour volume on the date, their nadir (volume and median date) and their LQ alpha (1/Gy).
/// </summary>
public sealed record ScenarioColumnDto(
    string ScenarioId,
    string Name,
    string Status,
    int? BasedOnVersion,
    long Seed,
    TrajectoryPointDto? VolumeAtDate,
    JsonNode? Endpoints,
    int? Draws,
    double? BedGy,
    DrawIntervalDto? DrawVolumeAtDateMl,
    DrawIntervalDto? NadirVolumeMl,
    DateOnly? NadirDate,
    DrawIntervalDto? RadiosensitivityPerGy);
