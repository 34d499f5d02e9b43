namespace Primage.Kernels.Scenarios;

/// <summary>
/// SplitMix64: a tiny generator whose output is fixed by its definition (not by a runtime's
/// System.Random implementation), so the same seed draws the same particles on every platform.
/// </summary>
internal struct ScenarioRandom(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
