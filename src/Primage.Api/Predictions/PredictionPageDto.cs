namespace Primage.Api.Predictions;

/// <summary>A page of predictions, newest first.</summary>
public sealed record PredictionPageDto(IReadOnlyList<PredictionDto> Items, int Total, int Skip, int Take);
