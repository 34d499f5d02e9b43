using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling;

/// <summary>
/// The backends registered in the container as <see cref="IComputeBackend"/> (the local backend, one per
/// SLURM cluster, ...), by their <see cref="IComputeBackend.Name"/>, and the configured choice among them.
/// </summary>
public sealed class ComputeBackendRegistry : IComputeBackendRegistry
{
    private readonly Dictionary<string, IComputeBackend> _backends;
    private readonly SimulationSchedulerOptions _options;

    public ComputeBackendRegistry(IEnumerable<IComputeBackend> backends, IOptions<SimulationSchedulerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _backends = new Dictionary<string, IComputeBackend>(StringComparer.Ordinal);
        foreach (var backend in backends)
        {
            if (!_backends.TryAdd(backend.Name, backend))
            {
                throw new InvalidOperationException($"Two compute backends are named '{backend.Name}'.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _backends.Keys;

    public IComputeBackend Get(string name)
        => _backends.TryGetValue(name, out var backend)
            ? backend
            : throw new KeyNotFoundException(
                $"No compute backend named '{name}' is configured (have: {string.Join(", ", _backends.Keys)}).");

    public string Select(StepSpec step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var name = _options.BackendFor(step);
        _ = Get(name);
        return name;
    }
}
