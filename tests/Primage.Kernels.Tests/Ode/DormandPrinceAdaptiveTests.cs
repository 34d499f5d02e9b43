using Primage.Kernels.Ode;
using static Primage.Kernels.Tests.Ode.ConvergenceOrderTests;

namespace Primage.Kernels.Tests.Ode;

public sealed class DormandPrinceAdaptiveTests
{
    [Fact]
    public void ScalarStopsExactlyAtEachOutputTimeWithinTolerance()
    {
        var ode = new GaussianDecay();
        double[] times = [0.0, 0.1, 0.7, 1.3, 1.31, 2.5];
        var y = new double[times.Length];
        var result = DormandPrince5.Integrate(ref ode, 0.0, 1.0, times, y, new OdeOptions { AbsoluteTolerance = 1e-12, RelativeTolerance = 1e-10 });
        Assert.Equal(OdeExitCondition.Completed, result.Exit);
        Assert.Equal(2.5, result.Time);
        for (var i = 0; i < times.Length; i++)
        {
            // Global error a few times the local tolerance.
            Assert.Equal(Math.Exp(-times[i] * times[i]), y[i], 1e-9);
        }
    }

    [Fact]
    public void AdvanceLandsOnTargetBitForBitAndProposesTheNextStep()
    {
        var ode = new GaussianDecay();
        double t = 0.0, y = 1.0, step = 0.0;
        var target = 0.1 + 0.2;
        var result = DormandPrince5.Advance(ref ode, ref t, ref y, target, ref step, new OdeOptions());
        Assert.True(result.Succeeded);
        Assert.Equal(target, t);
        Assert.True(step > 0.0);
    }

    [Fact]
    public void VectorAdaptiveMatchesKnownSolution()
    {
        var ode = new RotatingForcedSystem();
        double[] times = [0.5, 1.0, 2.0, 3.0];
        var outputs = new double[times.Length * 3];
        var work = new double[DormandPrince5.VectorWorkLength(3) + 3];
        var result = DormandPrince5.Integrate(ref ode, 0.0, [1.0, 0.0, 1.0], times, outputs, work, new OdeOptions { AbsoluteTolerance = 1e-12, RelativeTolerance = 1e-12 });
        Assert.True(result.Succeeded, result.ToString());
        for (var i = 0; i < times.Length; i++)
        {
            var t = times[i];
            Assert.Equal(Math.Cos(t * t), outputs[3 * i], 1e-9);
            Assert.Equal(Math.Sin(t * t), outputs[(3 * i) + 1], 1e-9);
            Assert.Equal(t - 1.0 + (2.0 * Math.Exp(-t)), outputs[(3 * i) + 2], 1e-9);
        }
    }

    [Fact]
    public void StepBudgetExhaustionIsReportedNotThrown()
    {
        var ode = new GaussianDecay();
        var y = new double[1];
        var result = DormandPrince5.Integrate(ref ode, 0.0, 1.0, [100.0], y, new OdeOptions { MaxSteps = 3, AbsoluteTolerance = 1e-12 });
        Assert.Equal(OdeExitCondition.MaxStepsReached, result.Exit);
        Assert.True(double.IsNaN(y[0]));
        Assert.True(result.Time < 100.0);
    }

    [Fact]
    public void BlowUpIsReportedAsAnExitCondition()
    {
        // y' = y^2, y(0) = 1 blows up at t = 1.
        var ode = new Quadratic();
        double t = 0.0, y = 1.0, step = 0.0;
        var result = DormandPrince5.Advance(ref ode, ref t, ref y, 2.0, ref step, new OdeOptions());
        Assert.False(result.Succeeded);
        Assert.True(Math.Abs(t - 1.0) < 1e-3, $"stopped at {t}");
        Assert.True(y > 1e6);
    }

    [Fact]
    public void AdaptiveIntegrationAllocatesNothing()
    {
        var ode = new GaussianDecay();
        Span<double> y = stackalloc double[4];
        Span<double> work = stackalloc double[DormandPrince5.VectorWorkLength(3) + 3];
        Span<double> vy = stackalloc double[3 * 4];
        ReadOnlySpan<double> times = [0.5, 1.0, 1.5, 2.0];
        var vector = new RotatingForcedSystem();
        // The initial state lives on the stack: a collection expression argument would allocate an array.
        Span<double> y0 = stackalloc double[3];
        y0[0] = 1.0;
        y0[2] = 1.0;
        DormandPrince5.Integrate(ref ode, 0.0, 1.0, times, y, new OdeOptions());
        DormandPrince5.Integrate(ref vector, 0.0, y0, times, vy, work, new OdeOptions());
        var before = GC.GetAllocatedBytesForCurrentThread();
        DormandPrince5.Integrate(ref ode, 0.0, 1.0, times, y, new OdeOptions());
        DormandPrince5.Integrate(ref vector, 0.0, y0, times, vy, work, new OdeOptions());
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private struct Quadratic : IScalarOde
    {
        public readonly double Derivative(double t, double y) => y * y;
    }
}
