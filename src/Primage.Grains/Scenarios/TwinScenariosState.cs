namespace Primage.Grains.Scenarios;

/// <summary>Persisted list of a twin's scenario ids (storage "twins").</summary>
[GenerateSerializer, Alias("primage.twin-scenarios-state.v1")]
public sealed class TwinScenariosState
{
    [Id(0)]
    public List<string> ScenarioIds { get; set; } = [];
}
