namespace Primage.Grains.Health;

/// <summary>
/// Each probe re-reads its (never written) state, which queries the storage provider. A stateless
/// worker: always activated on the silo whose /health asks, and never in the grain directory, so a
/// silo's readiness does not depend on another silo; a single probe activation elsewhere made every
/// silo answer 503 while the one holding it was down and not yet declared dead.
/// </summary>
[StatelessWorker(1)]
public sealed class HealthProbeGrain(
    [PersistentState("probe", StorageNames.Twins)] IPersistentState<HealthProbeState> state) : Grain, IHealthProbeGrain
{
    public Task ProbeAsync() => state.ReadStateAsync();
}
