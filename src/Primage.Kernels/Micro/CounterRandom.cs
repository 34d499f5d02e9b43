namespace Primage.Kernels.Micro;

/// <summary>
/// Counter-based random numbers: every draw is a pure function of (seed, agent id, step, stream),
/// so a run's result does not depend on thread scheduling, chunking or the order agents are visited,
/// and skipping a draw never shifts another one. The mixer is the SplitMix64 finaliser
/// (a bijection on 64-bit words with good avalanche), applied twice: once to build the
/// (seed, id, step) key, once per stream.
/// </summary>
internal static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>Key of one agent in one step; <paramref name="step"/> -1 is initialisation.</summary>
    public static ulong Key(long seed, int id, int step) => Key(SeedHash(seed), id, step);

    /// <summary>The seed's hash, computed once per run so the per-agent key costs one mix.</summary>
    public static ulong SeedHash(long seed) => Mix(unchecked((ulong)seed + Golden));

    /// <summary>Key of one agent in one step from a precomputed <see cref="SeedHash"/>.</summary>
    public static ulong Key(ulong seedHash, int id, int step) => Mix(seedHash ^ (((ulong)(uint)id << 32) | (uint)step));

    /// <summary>A uniform double in [0, 1) for one stream of a key.</summary>
    public static double Uniform(ulong key, int stream)
        => (Mix(unchecked(key + ((ulong)(uint)stream + 1) * Golden)) >> 11) * UnitScale;

    /// <summary>Derives a child seed, e.g. (run seed, window, region) for the micro steps of a window.</summary>
    public static long Derive(long seed, long a, long b)
        => unchecked((long)Mix(Mix(Mix((ulong)seed + Golden) ^ (ulong)a) ^ (ulong)b));

    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
