namespace Primage.Grains.Predictions;

/// <summary>Persisted prediction history, oldest first.</summary>
[GenerateSerializer, Alias("primage.twin-predictions-state.v1")]
public sealed class TwinPredictionsState
{
    [Id(0)]
    public List<Prediction> Versions { get; set; } = [];
}
