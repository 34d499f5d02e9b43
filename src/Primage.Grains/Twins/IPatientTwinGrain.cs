namespace Primage.Grains.Twins;

/// <summary>
/// A patient's digital twin, keyed by its pseudonymous, client-chosen id
/// (<see cref="TwinIds.IsValid"/>). Every acknowledged write is persisted before the call returns.
/// </summary>
public interface IPatientTwinGrain : IGrainWithStringKey
{
    /// <summary>The twin, or null when it has never been created.</summary>
    [ReadOnly]
    Task<TwinSnapshot?> GetAsync();

    /// <summary>Creates the twin (Created) or replaces its profile (Updated / Unchanged). The site never changes.</summary>
    Task<WriteResult> PutProfileAsync(TwinProfile profile);

    /// <summary>Appends an observation; idempotent by observation id (Unchanged), Conflict when the id holds other content.</summary>
    Task<WriteResult> AddObservationAsync(Observation observation);

    /// <summary>Appends a therapy; idempotent by therapy id like observations.</summary>
    Task<WriteResult> AddTherapyAsync(TherapyRecord therapy);
}
