using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>
/// Durable run records of the Akka.NET scheduler: one <see cref="SimulationRunState"/> per step id, plus
/// the set of runs that still need attention (woken at start). Writes for one step id come from one actor
/// at a time.
/// </summary>
public interface IRunRecordStore
{
    Task<SimulationRunState?> LoadAsync(string stepId, CancellationToken cancellationToken);

    Task SaveAsync(SimulationRunState run, CancellationToken cancellationToken);

    Task AddActiveAsync(string stepId, CancellationToken cancellationToken);

    Task RemoveActiveAsync(string stepId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetActiveAsync(CancellationToken cancellationToken);
}
