using Primage.Grains.Predictions;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Twins;

/// <summary>
/// A patient's digital twin, keyed by its pseudonymous, client-chosen id
/// (<see cref="TwinIds.IsValid"/>). Every acknowledged write is persisted before the call returns.
/// </summary>
public interface IPatientTwinGrain : IGrainWithStringKey, IRunOwnerGrain
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

    /// <summary>The latest prediction summary and whether a recalibration is pending or running.</summary>
    [ReadOnly]
    Task<CalibrationView> GetCalibrationAsync();

    /// <summary>
    /// Submits a recalibration if new data is waiting and none is running (fire and forget: the
    /// twin calls this on itself after acknowledging a write).
    /// </summary>
    [OneWay]
    Task RecalibrateAsync();

    /// <summary>Applies a finished calibration run (handed over by <see cref="IRunOwnerGrain.OnRunFinishedAsync"/>).</summary>
    [OneWay]
    Task ApplyRunResultAsync(RunStatus status);
}
