using Primage.Kernels.Ode;

namespace Primage.Kernels.Tests.Ode;

/// <summary>
/// Observed order p = log2(e(h) / e(h/2)) on time-dependent problems with known solutions. A solver
/// that evaluated a stage at the wrong time would drop to first or second order here.
/// </summary>
public sealed class ConvergenceOrderTests
{
    private const double T = 2.0;

    [Fact]
    public void Rk4IsFourthOrderOnScalarTimeDependentProblem()
    {
        var orders = ScalarOrders(steps =>
        {
            var ode = new GaussianDecay();
            return RungeKutta4.Integrate(ref ode, 0.0, 1.0, T, steps);
        }, [20, 40, 80, 160]);
        Assert.All(orders, p => Assert.InRange(p, 3.85, 4.3));
    }

    [Fact]
    public void DormandPrinceIsFifthOrderOnScalarTimeDependentProblem()
    {
        var orders = ScalarOrders(steps =>
        {
            var ode = new GaussianDecay();
            return DormandPrince5.FixedSteps(ref ode, 0.0, 1.0, T, steps);
        }, [20, 40, 80, 160]);
        Assert.All(orders, p => Assert.InRange(p, 4.85, 5.6));
    }

    [Fact]
    public void Rk4IsFourthOrderOnVectorTimeDependentProblem()
    {
        var orders = VectorOrders((steps, y) =>
        {
            var ode = new RotatingForcedSystem();
            Span<double> work = stackalloc double[RungeKutta4.VectorWorkLength(3)];
            RungeKutta4.Integrate(ref ode, 0.0, y, T, steps, work);
        }, [40, 80, 160, 320]);
        Assert.All(orders, p => Assert.InRange(p, 3.85, 4.3));
    }

    [Fact]
    public void DormandPrinceIsFifthOrderOnVectorTimeDependentProblem()
    {
        var orders = VectorOrders((steps, y) =>
        {
            var ode = new RotatingForcedSystem();
            Span<double> work = stackalloc double[DormandPrince5.VectorWorkLength(3)];
            DormandPrince5.FixedSteps(ref ode, 0.0, y, T, steps, work);
        }, [20, 40, 80, 160]);
        Assert.All(orders, p => Assert.InRange(p, 4.85, 5.6));
    }

    internal static double[] ScalarOrders(Func<int, double> solve, int[] steps)
    {
        var exact = Math.Exp(-T * T);
        var errors = steps.Select(n => Math.Abs(solve(n) - exact)).ToArray();
        return Orders(errors);
    }

    internal static double[] VectorOrders(Action<int, double[]> solve, int[] steps)
    {
        double[] exact = [Math.Cos(T * T), Math.Sin(T * T), T - 1.0 + (2.0 * Math.Exp(-T))];
        var errors = steps.Select(n =>
        {
            double[] y = [1.0, 0.0, 1.0];
            solve(n, y);
            return y.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        }).ToArray();
        return Orders(errors);
    }

    private static double[] Orders(double[] errors)
    {
        // Guard against a vacuous pass: errors must be far above round-off for the ratio to mean anything.
        Assert.All(errors, e => Assert.True(e > 1e-13, $"error {e:E2} is at round-off level"));
        return errors.Zip(errors.Skip(1), (a, b) => Math.Log2(a / b)).ToArray();
    }

    /// <summary>y' = -2 t y, y(0) = 1: y = exp(-t^2).</summary>
    internal struct GaussianDecay : IScalarOde
    {
        public readonly double Derivative(double t, double y) => -2.0 * t * y;
    }

    /// <summary>
    /// y1' = -2 t y2, y2' = 2 t y1 (rotation at angle t^2), y3' = t - y3 (forced):
    /// from (1, 0, 1) the solution is (cos t^2, sin t^2, t - 1 + 2 e^(-t)).
    /// </summary>
    internal struct RotatingForcedSystem : IVectorOde
    {
        public readonly void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            dydt[0] = -2.0 * t * y[1];
            dydt[1] = 2.0 * t * y[0];
            dydt[2] = t - y[2];
        }
    }
}
