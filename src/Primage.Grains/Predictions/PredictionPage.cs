namespace Primage.Grains.Predictions;

/// <summary>A page of the prediction history, newest first, with the total count.</summary>
[GenerateSerializer, Immutable, Alias("primage.prediction-page.v1")]
public sealed record PredictionPage(
    [property: Id(0)] IReadOnlyList<Prediction> Items,
    [property: Id(1)] int Total);
