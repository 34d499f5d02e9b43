namespace Primage.Api.Health;

/// <summary>The health answer: "ready".</summary>
public sealed record HealthDto(string Status);
