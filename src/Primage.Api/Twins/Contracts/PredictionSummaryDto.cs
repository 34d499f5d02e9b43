namespace Primage.Api.Twins.Contracts;

/// <summary>The latest prediction in brief: its version, when it was made, and its confidence score.</summary>
public sealed record PredictionSummaryDto(int Version, DateTimeOffset CreatedAt, double? ConfidenceScore);
