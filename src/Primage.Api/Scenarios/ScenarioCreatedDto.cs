namespace Primage.Api.Scenarios;

/// <summary>The answer to a scenario request (202).</summary>
public sealed record ScenarioCreatedDto(string ScenarioId);
