using Primage.Grains.Predictions;

namespace Primage.Grains.Scenarios;

/// <summary>Persisted paired draws of one scenario (storage "twins").</summary>
[GenerateSerializer, Alias("primage.scenario-draws-state.v1")]
public sealed class ScenarioDrawsState
{
    [Id(0)]
    public PairedDraws? Draws { get; set; }
}
