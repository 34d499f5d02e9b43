namespace Primage.Grains.Health;

/// <summary>Each probe re-reads its (never written) state, which queries the storage provider.</summary>
public sealed class HealthProbeGrain(
    [PersistentState("probe", StorageNames.Twins)] IPersistentState<HealthProbeState> state) : Grain, IHealthProbeGrain
{
    public Task ProbeAsync() => state.ReadStateAsync();
}
