using System.Text.Json.Nodes;
using Primage.Api.Predictions;

namespace Primage.Api.Scenarios;

/// <summary>One scenario in a comparison: its volume quantiles (mL) on the date and its endpoints.</summary>
public sealed record ScenarioColumnDto(
    string ScenarioId,
    string Name,
    string Status,
    int? BasedOnVersion,
    long Seed,
    TrajectoryPointDto? VolumeAtDate,
    JsonNode? Endpoints);
