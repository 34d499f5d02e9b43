namespace Primage.Grains.Predictions;

/// <summary>A built forecast step: its input document and the axis origin (day 0 = first observation).</summary>
public sealed record ForecastInput(byte[] Document, DateOnly Origin, bool UsesPrior);
