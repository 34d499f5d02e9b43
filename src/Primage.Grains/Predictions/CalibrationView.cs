namespace Primage.Grains.Predictions;

/// <summary>What a reader sees of the twin's calibration: the latest prediction and what is under way.</summary>
[GenerateSerializer, Immutable, Alias("primage.calibration-view.v1")]
public sealed record CalibrationView(
    [property: Id(0)] PredictionSummary? Latest,
    [property: Id(1)] bool Pending,
    [property: Id(2)] string? RunningStepId,
    [property: Id(3)] string? LastError);
