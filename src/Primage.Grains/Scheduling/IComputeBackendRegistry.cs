namespace Primage.Grains.Scheduling;

/// <summary>The backends configured on this silo, by name (a per-silo service injected into run grains).</summary>
public interface IComputeBackendRegistry
{
    /// <summary>The backend with that name; throws <see cref="KeyNotFoundException"/> when none is configured.</summary>
    IComputeBackend Get(string name);

    /// <summary>The backend name a new step is sent to (configuration, with per-task overrides).</summary>
    string Select(StepSpec step);
}
