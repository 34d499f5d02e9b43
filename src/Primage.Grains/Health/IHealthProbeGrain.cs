namespace Primage.Grains.Health;

/// <summary>Answers only when the silo is up and grain storage can be read.</summary>
public interface IHealthProbeGrain : IGrainWithStringKey
{
    /// <summary>Reads its state from the twins' storage; throws when storage is unreachable.</summary>
    Task ProbeAsync();
}
