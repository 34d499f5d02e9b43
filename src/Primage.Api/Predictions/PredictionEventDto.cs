namespace Primage.Api.Predictions;

/// <summary>The data of a "prediction" server-sent event: a new version exists.</summary>
public sealed record PredictionEventDto(string TwinId, int Version, DateTimeOffset CreatedAt);
