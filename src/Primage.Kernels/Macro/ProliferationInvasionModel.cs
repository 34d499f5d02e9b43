using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Primage.Kernels.Macro;

/// <summary>
/// The proliferation-invasion (Fisher-KPP) model on a voxel grid:
///   du/dt = div(D(x) grad u) + rho u (1 - u) - k(t) u,
/// u = cell density / carrying capacity, D in mm^2/day, voxel edge h in mm, no-flux boundaries.
///
/// Space: cell-centred finite volumes. The flux through the face between voxels p and q is
/// D_pq (u_q - u_p) / h with the harmonic mean D_pq = 2 D_p D_q / (D_p + D_q) (zero when either side
/// has D = 0, so tissue with D = 0 is impermeable), and zero through the outer boundary. Each face's
/// coefficient c = D_pq / h^2 is stored once (as float: 4 bytes instead of 8 per face) and used by
/// both neighbours, so the fluxes cancel pairwise and pure diffusion conserves sum(u) to round-off.
///
/// Time: the reaction du/dt = (rho - k) u - rho u^2 (k constant over the step) is a Bernoulli equation
/// solved exactly, R(u) = u e^{r dt} / (1 + Q u) with r = rho - k and Q = rho (e^{r dt} - 1) / r; the
/// diffusion is added by forward Euler from the same state:
///   u' = R(u) + dt sum_faces c (u_q - u).
/// Pure growth, logistic saturation and chemotherapy kill are therefore exact, and only the diffusion
/// and its coupling to the reaction carry an O(dt) error. The step is stable when
/// dt * max_p(sum of p's face coefficients) &lt;= 1 (with uniform D in d dimensions, dt &lt;= h^2 / (2 d D));
/// error O(h^2 + dt), so with dt proportional to h^2 (diffusion-limited) the scheme is second order in h.
///
/// Layout: x fastest, then y, then z; the arrays carry one zero plane before and after the grid, and
/// the face coefficients of boundary faces are zero, so a whole z-slab is one contiguous range updated
/// without branches. Steps are vectorised (Vector&lt;double&gt;), split over a fixed set of z-slabs, double
/// buffered, and allocate nothing. Every voxel is computed by the same expression whatever the slab or
/// thread, so results are bit-identical for any thread count.
/// </summary>
public sealed class ProliferationInvasionModel : IDisposable
{
    private readonly int _nx;
    private readonly int _ny;
    private readonly int _nz;
    private readonly int _plane;
    private readonly float[] _cx;
    private readonly float[] _cy;
    private readonly float[] _cz;
    private readonly int[] _slabPlanes;
    private readonly SlabWorkers? _workers;
    private double[] _u;
    private double[] _v;
    private double _stepDt;
    private double _stepGrowth;
    private double _stepQ;

    /// <summary>
    /// Creates the model with diffusion coefficient <paramref name="diffusionPerVoxel"/>[i + nx (j + ny k)]
    /// (mm^2/day, &gt;= 0) and u = 0 everywhere. <paramref name="threads"/> &gt; 1 starts that many slab workers
    /// (the caller's thread is one of them); dispose the model to stop them.
    /// </summary>
    public ProliferationInvasionModel(int nx, int ny, int nz, double voxelMm, double rhoPerDay, ReadOnlySpan<double> diffusionPerVoxel, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ny, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nz, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(voxelMm);
        ArgumentOutOfRangeException.ThrowIfNegative(rhoPerDay);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var count = (long)nx * ny * nz;
        if (count + (2L * nx * ny) > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), "The grid is too large.");
        }

        if (diffusionPerVoxel.Length != count)
        {
            throw new ArgumentException($"Expected {count} diffusion coefficients, got {diffusionPerVoxel.Length}.", nameof(diffusionPerVoxel));
        }

        _nx = nx;
        _ny = ny;
        _nz = nz;
        _plane = nx * ny;
        VoxelMm = voxelMm;
        RhoPerDay = rhoPerDay;
        var padded = (int)count + (2 * _plane);
        _u = new double[padded];
        _v = new double[padded];
        _cx = new float[padded];
        _cy = new float[padded];
        _cz = new float[padded];
        MaxCoefficientSum = BuildFaces(diffusionPerVoxel, 1.0 / (voxelMm * voxelMm));

        threads = Math.Min(threads, nz);
        _slabPlanes = new int[threads + 1];
        for (var w = 0; w <= threads; w++)
        {
            _slabPlanes[w] = (int)((long)w * nz / threads);
        }

        _workers = threads > 1 ? new SlabWorkers(threads, UpdateSlab) : null;
    }

    public int Nx => _nx;

    public int Ny => _ny;

    public int Nz => _nz;

    public int VoxelCount => _plane * _nz;

    public double VoxelMm { get; }

    public double VoxelVolumeMm3 => VoxelMm * VoxelMm * VoxelMm;

    public double RhoPerDay { get; }

    /// <summary>Threads a step uses (the caller's included).</summary>
    public int Threads => _workers?.Count ?? 1;

    /// <summary>Bytes allocated so far by the slab worker threads (0 when single-threaded); for allocation tests.</summary>
    internal long WorkerAllocatedBytes => _workers?.WorkerAllocatedBytes ?? 0;

    /// <summary>max over voxels of the sum of their face coefficients D_pq / h^2 (1/day).</summary>
    public double MaxCoefficientSum { get; }

    /// <summary>
    /// The largest stable and positivity-preserving step: safety / max(sum of face coefficients, (rho + maxKill) / reactionLimit).
    /// <paramref name="reactionLimit"/> bounds dt (rho + k), which also keeps the O(dt) reaction error small.
    /// </summary>
    public double StableDt(double safety = 0.9, double maxKillPerDay = 0, double reactionLimit = 0.1)
    {
        var diffusionLimit = MaxCoefficientSum > 0 ? safety / MaxCoefficientSum : double.PositiveInfinity;
        var reaction = RhoPerDay + maxKillPerDay;
        var reactionDt = reaction > 0 ? reactionLimit / reaction : double.PositiveInfinity;
        var dt = Math.Min(diffusionLimit, reactionDt);
        return double.IsFinite(dt) ? dt : 1.0;
    }

    /// <summary>The density at voxel (i, j, k).</summary>
    public double this[int i, int j, int k] => _u[_plane + i + (_nx * (j + (_ny * k)))];

    /// <summary>Sets u from <paramref name="field"/> (x fastest); values outside [0, 1] are allowed but not sensible.</summary>
    public void SetDensity(ReadOnlySpan<double> field)
    {
        if (field.Length != VoxelCount)
        {
            throw new ArgumentException($"Expected {VoxelCount} values, got {field.Length}.", nameof(field));
        }

        field.CopyTo(_u.AsSpan(_plane, VoxelCount));
    }

    /// <summary>Copies u into <paramref name="destination"/> (x fastest).</summary>
    public void CopyDensity(Span<double> destination) => _u.AsSpan(_plane, VoxelCount).CopyTo(destination);

    /// <summary>The current density (x fastest), without copying.</summary>
    public ReadOnlySpan<double> Density => _u.AsSpan(_plane, VoxelCount);

    /// <summary>
    /// One step of <paramref name="dt"/> days with kill rate <paramref name="killPerDay"/> (1/day, its
    /// average over the step). No allocation.
    /// </summary>
    public void Step(double dt, double killPerDay = 0)
    {
        var r = RhoPerDay - killPerDay;
        var growth = Math.Exp(r * dt);

        // (e^{r dt} - 1) / r, by its series when r dt is too small for the subtraction to be accurate.
        var x = r * dt;
        var integral = Math.Abs(x) > 1e-5 ? (growth - 1) / r : dt * (1 + (x / 2) + (x * x / 6));
        _stepDt = dt;
        _stepGrowth = growth;
        _stepQ = RhoPerDay * integral;
        if (_workers is null)
        {
            UpdateSlab(0);
        }
        else
        {
            _workers.Run();
        }

        (_u, _v) = (_v, _u);
    }

    /// <summary>u *= <paramref name="factor"/> everywhere (a radiotherapy fraction's surviving fraction, a resection).</summary>
    public void Scale(double factor)
    {
        foreach (ref var x in _u.AsSpan(_plane, VoxelCount))
        {
            x *= factor;
        }
    }

    /// <summary>sum(u) times the voxel volume (mm^3): the tumour burden in full-density-equivalent volume.
    /// Summed plane by plane in a fixed order, so the value does not depend on threading.</summary>
    public double BurdenMm3()
    {
        var total = 0.0;
        for (var k = 0; k < _nz; k++)
        {
            var plane = 0.0;
            foreach (var x in _u.AsSpan(_plane * (k + 1), _plane))
            {
                plane += x;
            }

            total += plane;
        }

        return total * VoxelVolumeMm3;
    }

    /// <summary>The volume (mm^3) of voxels with u &gt;= <paramref name="threshold"/>: what imaging would show at that edge.</summary>
    public double VisibleVolumeMm3(double threshold)
    {
        long count = 0;
        foreach (var x in Density)
        {
            if (x >= threshold)
            {
                count++;
            }
        }

        return count * VoxelVolumeMm3;
    }

    /// <summary>max(u).</summary>
    public double MaxDensity()
    {
        var max = 0.0;
        foreach (var x in Density)
        {
            max = Math.Max(max, x);
        }

        return max;
    }

    public void Dispose() => _workers?.Dispose();

    private double BuildFaces(ReadOnlySpan<double> d, double inverseH2)
    {
        static double Harmonic(double a, double b) => a + b > 0 ? 2 * a * b / (a + b) : 0;

        for (var p = 0; p < d.Length; p++)
        {
            if (!(d[p] >= 0) || !double.IsFinite(d[p]))
            {
                throw new ArgumentException($"Diffusion coefficient {p} is {d[p]}; it must be finite and >= 0.", nameof(d));
            }
        }

        for (var k = 0; k < _nz; k++)
        {
            for (var j = 0; j < _ny; j++)
            {
                for (var i = 0; i < _nx; i++)
                {
                    var p = i + (_nx * (j + (_ny * k)));
                    var padded = p + _plane;
                    _cx[padded] = i + 1 < _nx ? (float)(Harmonic(d[p], d[p + 1]) * inverseH2) : 0f;
                    _cy[padded] = j + 1 < _ny ? (float)(Harmonic(d[p], d[p + _nx]) * inverseH2) : 0f;
                    _cz[padded] = k + 1 < _nz ? (float)(Harmonic(d[p], d[p + _plane]) * inverseH2) : 0f;
                }
            }
        }

        // The stability bound uses the float coefficients actually applied.
        var max = 0.0;
        for (var p = _plane; p < _plane + VoxelCount; p++)
        {
            double sum = (double)_cx[p] + _cx[p - 1] + _cy[p] + _cy[p - _nx] + _cz[p] + _cz[p - _plane];
            max = Math.Max(max, sum);
        }

        return max;
    }

    private void UpdateSlab(int worker)
        => UpdateRange(_plane * (_slabPlanes[worker] + 1), _plane * (_slabPlanes[worker + 1] + 1));

    /// <summary>Updates padded indices [start, end): Vector&lt;float&gt;.Count voxels at a time, then a scalar tail.</summary>
    private void UpdateRange(int start, int end)
    {
        ref var u = ref MemoryMarshal.GetArrayDataReference(_u);
        ref var v = ref MemoryMarshal.GetArrayDataReference(_v);
        ref var cx = ref MemoryMarshal.GetArrayDataReference(_cx);
        ref var cy = ref MemoryMarshal.GetArrayDataReference(_cy);
        ref var cz = ref MemoryMarshal.GetArrayDataReference(_cz);
        nint nx = _nx;
        nint s = _plane;
        var dt = _stepDt;
        var a = _stepGrowth;
        var b = _stepQ;
        var vdt = new Vector<double>(dt);
        var va = new Vector<double>(a);
        var vb = new Vector<double>(b);
        var one = Vector<double>.One;
        var width = Vector<float>.Count;
        var half = Vector<double>.Count;

        nint p = start;
        for (; p <= end - width; p += width)
        {
            Vector.Widen(Vector.LoadUnsafe(ref cx, (nuint)p), out var cxp0, out var cxp1);
            Vector.Widen(Vector.LoadUnsafe(ref cx, (nuint)(p - 1)), out var cxm0, out var cxm1);
            Vector.Widen(Vector.LoadUnsafe(ref cy, (nuint)p), out var cyp0, out var cyp1);
            Vector.Widen(Vector.LoadUnsafe(ref cy, (nuint)(p - nx)), out var cym0, out var cym1);
            Vector.Widen(Vector.LoadUnsafe(ref cz, (nuint)p), out var czp0, out var czp1);
            Vector.Widen(Vector.LoadUnsafe(ref cz, (nuint)(p - s)), out var czm0, out var czm1);
            UpdateVector(ref u, ref v, p, nx, s, cxp0, cxm0, cyp0, cym0, czp0, czm0, vdt, va, vb, one);
            UpdateVector(ref u, ref v, p + half, nx, s, cxp1, cxm1, cyp1, cym1, czp1, czm1, vdt, va, vb, one);
        }

        for (; p < end; p++)
        {
            var uc = Unsafe.Add(ref u, p);
            var lap = (Unsafe.Add(ref cx, p) * (Unsafe.Add(ref u, p + 1) - uc))
                + (Unsafe.Add(ref cx, p - 1) * (Unsafe.Add(ref u, p - 1) - uc))
                + (Unsafe.Add(ref cy, p) * (Unsafe.Add(ref u, p + nx) - uc))
                + (Unsafe.Add(ref cy, p - nx) * (Unsafe.Add(ref u, p - nx) - uc))
                + (Unsafe.Add(ref cz, p) * (Unsafe.Add(ref u, p + s) - uc))
                + (Unsafe.Add(ref cz, p - s) * (Unsafe.Add(ref u, p - s) - uc));
            Unsafe.Add(ref v, p) = (uc * a / (1 + (b * uc))) + (dt * lap);
        }
    }

    // The same operations in the same order as the scalar tail, so a voxel's value does not depend on
    // whether it fell in a vector or in the tail (RyuJIT does not contract a * b + c into FMA).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateVector(
        ref double u, ref double v, nint p, nint nx, nint s,
        Vector<double> cxp, Vector<double> cxm, Vector<double> cyp, Vector<double> cym, Vector<double> czp, Vector<double> czm,
        Vector<double> dt, Vector<double> growth, Vector<double> q, Vector<double> one)
    {
        var uc = Vector.LoadUnsafe(ref u, (nuint)p);
        var lap = (cxp * (Vector.LoadUnsafe(ref u, (nuint)(p + 1)) - uc))
            + (cxm * (Vector.LoadUnsafe(ref u, (nuint)(p - 1)) - uc))
            + (cyp * (Vector.LoadUnsafe(ref u, (nuint)(p + nx)) - uc))
            + (cym * (Vector.LoadUnsafe(ref u, (nuint)(p - nx)) - uc))
            + (czp * (Vector.LoadUnsafe(ref u, (nuint)(p + s)) - uc))
            + (czm * (Vector.LoadUnsafe(ref u, (nuint)(p - s)) - uc));
        ((uc * growth / (one + (q * uc))) + (dt * lap)).StoreUnsafe(ref v, (nuint)p);
    }
}
