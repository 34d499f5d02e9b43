namespace Primage.Kernels.Ode;

/// <summary>
/// The classical fixed-step fourth-order Runge-Kutta method, scalar and vector:
///   k1 = f(t, y), k2 = f(t + h/2, y + h k1/2), k3 = f(t + h/2, y + h k2/2), k4 = f(t + h, y + h k3),
///   y_new = y + h (k1 + 2 k2 + 2 k3 + k4) / 6.
/// Every stage is evaluated at its own time, so the order stays 4 for time-dependent right-hand sides.
/// Allocation-free; the vector form takes a caller-owned work buffer of 5 n doubles.
/// </summary>
public static class RungeKutta4
{
    /// <summary>Doubles of work space for an n-dimensional system (5 n).</summary>
    public static int VectorWorkLength(int dimension) => 5 * dimension;

    /// <summary>Takes <paramref name="steps"/> equal steps from (t0, y0) and returns y(tEnd).</summary>
    public static double Integrate<TOde>(ref TOde ode, double t0, double y0, double tEnd, int steps)
        where TOde : IScalarOde, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var h = (tEnd - t0) / steps;
        var y = y0;
        for (var i = 0; i < steps; i++)
        {
            var t = t0 + (i * h);
            var tNew = i == steps - 1 ? tEnd : t0 + ((i + 1) * h);
            var tMid = t + (0.5 * h);
            var k1 = ode.Derivative(t, y);
            var k2 = ode.Derivative(tMid, y + (0.5 * h * k1));
            var k3 = ode.Derivative(tMid, y + (0.5 * h * k2));
            var k4 = ode.Derivative(tNew, y + (h * k3));
            y += h * (k1 + (2.0 * k2) + (2.0 * k3) + k4) / 6.0;
        }

        return y;
    }

    /// <summary>Takes <paramref name="steps"/> equal steps, advancing <paramref name="y"/> in place from t0 to tEnd.</summary>
    public static void Integrate<TOde>(ref TOde ode, double t0, Span<double> y, double tEnd, int steps, Span<double> work)
        where TOde : IVectorOde, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var n = y.Length;
        if (work.Length < VectorWorkLength(n))
        {
            throw new ArgumentException($"work needs {VectorWorkLength(n)} doubles.", nameof(work));
        }

        var k1 = work[..n];
        var k2 = work.Slice(n, n);
        var k3 = work.Slice(2 * n, n);
        var k4 = work.Slice(3 * n, n);
        var stage = work.Slice(4 * n, n);
        var h = (tEnd - t0) / steps;
        for (var s = 0; s < steps; s++)
        {
            var t = t0 + (s * h);
            var tNew = s == steps - 1 ? tEnd : t0 + ((s + 1) * h);
            var tMid = t + (0.5 * h);
            ode.Derivative(t, y, k1);
            for (var i = 0; i < n; i++)
            {
                stage[i] = y[i] + (0.5 * h * k1[i]);
            }

            ode.Derivative(tMid, stage, k2);
            for (var i = 0; i < n; i++)
            {
                stage[i] = y[i] + (0.5 * h * k2[i]);
            }

            ode.Derivative(tMid, stage, k3);
            for (var i = 0; i < n; i++)
            {
                stage[i] = y[i] + (h * k3[i]);
            }

            ode.Derivative(tNew, stage, k4);
            for (var i = 0; i < n; i++)
            {
                y[i] += h * (k1[i] + (2.0 * k2[i]) + (2.0 * k3[i]) + k4[i]) / 6.0;
            }
        }
    }
}
