namespace Primage.Api.Scenarios;

/// <summary>A twin's scenarios in creation order.</summary>
public sealed record ScenarioListDto(IReadOnlyList<ScenarioDto> Items);
