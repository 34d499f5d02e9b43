namespace Primage.Kernels.Calibration;

/// <summary>
/// The engine's seeded generator: xoshiro256** seeded through SplitMix64 from a 64-bit seed and a
/// stream number, so every model (and every synthetic subject) gets an independent, reproducible
/// stream whatever the thread schedule. Gaussian draws by the Box-Muller transform.
/// </summary>
public sealed class CalibrationRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>A stream determined by (<paramref name="seed"/>, <paramref name="stream"/>) alone.</summary>
    public CalibrationRandom(long seed, long stream = 0)
    {
        var x = unchecked((ulong)seed ^ (0x9E3779B97F4A7C15UL * ((ulong)stream + 1)));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A 64-bit hash of a string (FNV-1a), for deriving streams from model names.</summary>
    public static long StreamOf(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }

        return unchecked((long)h);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal.</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        // Box-Muller: r = sqrt(-2 ln u1), z = r (cos 2 pi u2, sin 2 pi u2); 1 - u keeps ln finite.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = r * Math.Sin(2.0 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2.0 * Math.PI * u2);
    }

    private ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
