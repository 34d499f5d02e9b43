using static Primage.Kernels.Ode.DormandPrinceTableau;

namespace Primage.Kernels.Ode;

/// <summary>
/// Adaptive explicit Runge-Kutta of order 5 with an embedded order-4 error estimate (Dormand-Prince
/// 5(4), FSAL), for scalar and vector systems, forward in time.
///
/// Step control: err = RMS_i( (h sum_j E_j k_j)_i / (atol + rtol max(|y_i|, |y_new,i|)) ); the step is
/// accepted when err &lt;= 1 and the next step is h * clamp(0.9 err^(-1/5), 0.2, 10) (never growing
/// straight after a rejection). Steps are clamped so that every requested stop time is hit exactly
/// (no interpolation), which is what instantaneous therapy events need. Stage i is evaluated at the
/// exact time t + c_i h, so time-dependent right-hand sides keep the full order.
///
/// Nothing here allocates: the scalar path lives on the stack and the vector path uses a caller-owned
/// work buffer of <see cref="VectorWorkLength"/> doubles. Failure to converge is reported through
/// <see cref="OdeResult.Exit"/>, not by an exception; exceptions mean a misuse (bad arguments).
/// </summary>
public static class DormandPrince5
{
    /// <summary>Doubles of work space the vector solver needs for an n-dimensional system (9 n).</summary>
    public static int VectorWorkLength(int dimension) => 9 * dimension;

    // ---------------------------------------------------------------- scalar

    /// <summary>
    /// Advances (t, y) to exactly <paramref name="tEnd"/> &gt;= t. <paramref name="step"/> is the trial
    /// step on entry (0 or less: estimated from the problem) and the proposed next step on return, so
    /// that consecutive calls between events keep their step size.
    /// </summary>
    public static OdeResult Advance<TOde>(
        ref TOde ode, ref double t, ref double y, double tEnd, ref double step, in OdeOptions options)
        where TOde : IScalarOde, allows ref struct
    {
        options.Validate();
        if (!(tEnd >= t))
        {
            throw new ArgumentOutOfRangeException(nameof(tEnd), "The solver integrates forward only: tEnd must be >= t.");
        }

        var accepted = 0;
        var rejected = 0;
        if (tEnd == t)
        {
            return new OdeResult(OdeExitCondition.Completed, t, 0, 0, 0);
        }

        var k1 = ode.Derivative(t, y);
        var evaluations = 1;
        var h = step;
        if (!(h > 0.0))
        {
            h = InitialStepScalar(ref ode, t, y, k1, tEnd, options);
            evaluations++;
        }

        h = Math.Min(h, options.MaxStep);
        var justRejected = false;
        while (true)
        {
            if (accepted + rejected >= options.MaxSteps)
            {
                step = h;
                return new OdeResult(OdeExitCondition.MaxStepsReached, t, accepted, rejected, evaluations);
            }

            var proposal = h;
            var last = h >= tEnd - t;
            if (last)
            {
                h = tEnd - t;
            }

            var tNew = last ? tEnd : t + h;
            var errorNorm = TryStepScalar(ref ode, t, y, h, tNew, k1, options, out var yNew, out var k7);
            evaluations += 6;

            if (errorNorm <= 1.0)
            {
                accepted++;
                t = tNew;
                y = yNew;
                k1 = k7;
                var factor = errorNorm == 0.0 ? MaxFactor : Math.Clamp(Safety * Math.Pow(errorNorm, -0.2), MinFactor, MaxFactor);
                if (justRejected)
                {
                    factor = Math.Min(factor, 1.0);
                }

                justRejected = false;
                var next = Math.Min(h * factor, options.MaxStep);
                if (last)
                {
                    // A step cut short to land on tEnd says little about the natural step size.
                    step = Math.Max(next, Math.Min(proposal, options.MaxStep));
                    return new OdeResult(OdeExitCondition.Completed, t, accepted, rejected, evaluations);
                }

                h = next;
            }
            else
            {
                rejected++;
                justRejected = true;
                var factor = double.IsFinite(errorNorm) ? Math.Max(MinFactor, Safety * Math.Pow(errorNorm, -0.2)) : MinFactor;
                h *= factor;
                if (t + h == t || h < 1e-14 * Math.Max(1.0, Math.Abs(t)))
                {
                    step = h;
                    var exit = double.IsFinite(errorNorm) ? OdeExitCondition.StepSizeTooSmall : OdeExitCondition.NonFiniteState;
                    return new OdeResult(exit, t, accepted, rejected, evaluations);
                }
            }
        }
    }

    /// <summary>
    /// Integrates from (t0, y0) and writes y at each of <paramref name="outputTimes"/> (ascending, each
    /// &gt;= t0) into <paramref name="outputs"/>, stopping exactly at each. On failure the remaining
    /// outputs are NaN and the result says why.
    /// </summary>
    public static OdeResult Integrate<TOde>(
        ref TOde ode, double t0, double y0, ReadOnlySpan<double> outputTimes, Span<double> outputs, in OdeOptions options)
        where TOde : IScalarOde, allows ref struct
    {
        if (outputs.Length < outputTimes.Length)
        {
            throw new ArgumentException("outputs is shorter than outputTimes.", nameof(outputs));
        }

        var t = t0;
        var y = y0;
        var step = 0.0;
        int accepted = 0, rejected = 0, evaluations = 0;
        for (var i = 0; i < outputTimes.Length; i++)
        {
            var result = Advance(ref ode, ref t, ref y, outputTimes[i], ref step, options);
            accepted += result.AcceptedSteps;
            rejected += result.RejectedSteps;
            evaluations += result.Evaluations;
            if (!result.Succeeded)
            {
                outputs[i..outputTimes.Length].Fill(double.NaN);
                return result with { AcceptedSteps = accepted, RejectedSteps = rejected, Evaluations = evaluations };
            }

            outputs[i] = y;
        }

        return new OdeResult(OdeExitCondition.Completed, t, accepted, rejected, evaluations);
    }

    /// <summary>
    /// Takes <paramref name="steps"/> equal steps of the 5th-order formula with no error control
    /// (for convergence-order studies and fixed-grid use) and returns y(tEnd).
    /// </summary>
    public static double FixedSteps<TOde>(ref TOde ode, double t0, double y0, double tEnd, int steps)
        where TOde : IScalarOde, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var h = (tEnd - t0) / steps;
        var y = y0;
        var k1 = ode.Derivative(t0, y);
        var options = new OdeOptions();
        for (var i = 0; i < steps; i++)
        {
            // t_i = t0 + i h rather than a running sum, so stage times carry no accumulated rounding.
            var t = t0 + (i * h);
            var tNew = i == steps - 1 ? tEnd : t0 + ((i + 1) * h);
            TryStepScalar(ref ode, t, y, tNew - t, tNew, k1, options, out var yNew, out var k7);
            y = yNew;
            k1 = k7;
        }

        return y;
    }

    private static double TryStepScalar<TOde>(
        ref TOde ode, double t, double y, double h, double tNew, double k1, in OdeOptions options,
        out double yNew, out double k7)
        where TOde : IScalarOde, allows ref struct
    {
        var k2 = ode.Derivative(t + (C2 * h), y + (h * A21 * k1));
        var k3 = ode.Derivative(t + (C3 * h), y + (h * ((A31 * k1) + (A32 * k2))));
        var k4 = ode.Derivative(t + (C4 * h), y + (h * ((A41 * k1) + (A42 * k2) + (A43 * k3))));
        var k5 = ode.Derivative(t + (C5 * h), y + (h * ((A51 * k1) + (A52 * k2) + (A53 * k3) + (A54 * k4))));
        var k6 = ode.Derivative(tNew, y + (h * ((A61 * k1) + (A62 * k2) + (A63 * k3) + (A64 * k4) + (A65 * k5))));
        yNew = y + (h * ((A71 * k1) + (A73 * k3) + (A74 * k4) + (A75 * k5) + (A76 * k6)));
        k7 = ode.Derivative(tNew, yNew);
        var error = h * ((E1 * k1) + (E3 * k3) + (E4 * k4) + (E5 * k5) + (E6 * k6) + (E7 * k7));
        var scale = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Max(Math.Abs(y), Math.Abs(yNew)));
        var norm = Math.Abs(error) / scale;
        return double.IsFinite(norm) && double.IsFinite(yNew) ? norm : double.PositiveInfinity;
    }

    // Hairer, Norsett and Wanner, section II.4: a step from the sizes of y, f and an estimate of f'.
    private static double InitialStepScalar<TOde>(ref TOde ode, double t, double y, double f0, double tEnd, in OdeOptions options)
        where TOde : IScalarOde, allows ref struct
    {
        var scale = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Abs(y));
        var d0 = Math.Abs(y) / scale;
        var d1 = Math.Abs(f0) / scale;
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, Math.Min(tEnd - t, options.MaxStep));
        var f1 = ode.Derivative(t + h0, y + (h0 * f0));
        var d2 = Math.Abs(f1 - f0) / scale / h0;
        var dMax = Math.Max(d1, d2);
        var h1 = dMax <= 1e-15 || !double.IsFinite(dMax) ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 0.2);
        return Math.Min(100.0 * h0, h1);
    }

    // ---------------------------------------------------------------- vector

    /// <summary>
    /// Advances (t, y) in place to exactly <paramref name="tEnd"/> &gt;= t, using <paramref name="work"/>
    /// (at least <see cref="VectorWorkLength"/>(y.Length) doubles). <paramref name="step"/> as in the scalar overload.
    /// </summary>
    public static OdeResult Advance<TOde>(
        ref TOde ode, ref double t, Span<double> y, double tEnd, ref double step, Span<double> work, in OdeOptions options)
        where TOde : IVectorOde, allows ref struct
    {
        options.Validate();
        var n = y.Length;
        if (work.Length < VectorWorkLength(n))
        {
            throw new ArgumentException($"work needs {VectorWorkLength(n)} doubles.", nameof(work));
        }

        if (!(tEnd >= t))
        {
            throw new ArgumentOutOfRangeException(nameof(tEnd), "The solver integrates forward only: tEnd must be >= t.");
        }

        var accepted = 0;
        var rejected = 0;
        if (tEnd == t)
        {
            return new OdeResult(OdeExitCondition.Completed, t, 0, 0, 0);
        }

        var k1 = work[..n];
        var k7 = work.Slice(6 * n, n);
        var yNew = work.Slice(8 * n, n);
        ode.Derivative(t, y, k1);
        var evaluations = 1;
        var h = step;
        if (!(h > 0.0))
        {
            h = InitialStepVector(ref ode, t, y, tEnd, work, options);
            evaluations++;
        }

        h = Math.Min(h, options.MaxStep);
        var justRejected = false;
        while (true)
        {
            if (accepted + rejected >= options.MaxSteps)
            {
                step = h;
                return new OdeResult(OdeExitCondition.MaxStepsReached, t, accepted, rejected, evaluations);
            }

            var proposal = h;
            var last = h >= tEnd - t;
            if (last)
            {
                h = tEnd - t;
            }

            var tNew = last ? tEnd : t + h;
            var errorNorm = TryStepVector(ref ode, t, y, h, tNew, work, options);
            evaluations += 6;

            if (errorNorm <= 1.0)
            {
                accepted++;
                t = tNew;
                yNew.CopyTo(y);
                k7.CopyTo(k1);
                var factor = errorNorm == 0.0 ? MaxFactor : Math.Clamp(Safety * Math.Pow(errorNorm, -0.2), MinFactor, MaxFactor);
                if (justRejected)
                {
                    factor = Math.Min(factor, 1.0);
                }

                justRejected = false;
                var next = Math.Min(h * factor, options.MaxStep);
                if (last)
                {
                    step = Math.Max(next, Math.Min(proposal, options.MaxStep));
                    return new OdeResult(OdeExitCondition.Completed, t, accepted, rejected, evaluations);
                }

                h = next;
            }
            else
            {
                rejected++;
                justRejected = true;
                var factor = double.IsFinite(errorNorm) ? Math.Max(MinFactor, Safety * Math.Pow(errorNorm, -0.2)) : MinFactor;
                h *= factor;
                if (t + h == t || h < 1e-14 * Math.Max(1.0, Math.Abs(t)))
                {
                    step = h;
                    var exit = double.IsFinite(errorNorm) ? OdeExitCondition.StepSizeTooSmall : OdeExitCondition.NonFiniteState;
                    return new OdeResult(exit, t, accepted, rejected, evaluations);
                }
            }
        }
    }

    /// <summary>
    /// Integrates from (t0, y0) and writes y at each output time into row i of
    /// <paramref name="outputs"/> (row-major, outputTimes.Length x y0.Length). <paramref name="y0"/> is
    /// left untouched. On failure the remaining rows are NaN.
    /// </summary>
    public static OdeResult Integrate<TOde>(
        ref TOde ode, double t0, ReadOnlySpan<double> y0, ReadOnlySpan<double> outputTimes, Span<double> outputs,
        Span<double> work, in OdeOptions options)
        where TOde : IVectorOde, allows ref struct
    {
        var n = y0.Length;
        if (outputs.Length < outputTimes.Length * n)
        {
            throw new ArgumentException("outputs needs outputTimes.Length * y0.Length doubles.", nameof(outputs));
        }

        if (work.Length < VectorWorkLength(n) + n)
        {
            throw new ArgumentException($"work needs {VectorWorkLength(n) + n} doubles (solver work plus the state).", nameof(work));
        }

        var y = work.Slice(VectorWorkLength(n), n);
        var solverWork = work[..VectorWorkLength(n)];
        y0.CopyTo(y);
        var t = t0;
        var step = 0.0;
        int accepted = 0, rejected = 0, evaluations = 0;
        for (var i = 0; i < outputTimes.Length; i++)
        {
            var result = Advance(ref ode, ref t, y, outputTimes[i], ref step, solverWork, options);
            accepted += result.AcceptedSteps;
            rejected += result.RejectedSteps;
            evaluations += result.Evaluations;
            if (!result.Succeeded)
            {
                outputs[(i * n)..(outputTimes.Length * n)].Fill(double.NaN);
                return result with { AcceptedSteps = accepted, RejectedSteps = rejected, Evaluations = evaluations };
            }

            y.CopyTo(outputs.Slice(i * n, n));
        }

        return new OdeResult(OdeExitCondition.Completed, t, accepted, rejected, evaluations);
    }

    /// <summary>
    /// <paramref name="steps"/> equal steps of the 5th-order formula with no error control; y is
    /// advanced in place from t0 to tEnd. <paramref name="work"/> as for <see cref="Advance{TOde}(ref TOde, ref double, Span{double}, double, ref double, Span{double}, in OdeOptions)"/>.
    /// </summary>
    public static void FixedSteps<TOde>(ref TOde ode, double t0, Span<double> y, double tEnd, int steps, Span<double> work)
        where TOde : IVectorOde, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var n = y.Length;
        if (work.Length < VectorWorkLength(n))
        {
            throw new ArgumentException($"work needs {VectorWorkLength(n)} doubles.", nameof(work));
        }

        var k1 = work[..n];
        var k7 = work.Slice(6 * n, n);
        var yNew = work.Slice(8 * n, n);
        var options = new OdeOptions();
        var h = (tEnd - t0) / steps;
        ode.Derivative(t0, y, k1);
        for (var i = 0; i < steps; i++)
        {
            var t = t0 + (i * h);
            var tNew = i == steps - 1 ? tEnd : t0 + ((i + 1) * h);
            TryStepVector(ref ode, t, y, tNew - t, tNew, work, options);
            yNew.CopyTo(y);
            k7.CopyTo(k1);
        }
    }

    // work layout: k1 k2 k3 k4 k5 k6 k7 stage yNew, each n long. k1 holds f(t, y) on entry.
    private static double TryStepVector<TOde>(
        ref TOde ode, double t, ReadOnlySpan<double> y, double h, double tNew, Span<double> work, in OdeOptions options)
        where TOde : IVectorOde, allows ref struct
    {
        var n = y.Length;
        var k1 = work[..n];
        var k2 = work.Slice(n, n);
        var k3 = work.Slice(2 * n, n);
        var k4 = work.Slice(3 * n, n);
        var k5 = work.Slice(4 * n, n);
        var k6 = work.Slice(5 * n, n);
        var k7 = work.Slice(6 * n, n);
        var stage = work.Slice(7 * n, n);
        var yNew = work.Slice(8 * n, n);

        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * A21 * k1[i]);
        }

        ode.Derivative(t + (C2 * h), stage, k2);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * ((A31 * k1[i]) + (A32 * k2[i])));
        }

        ode.Derivative(t + (C3 * h), stage, k3);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * ((A41 * k1[i]) + (A42 * k2[i]) + (A43 * k3[i])));
        }

        ode.Derivative(t + (C4 * h), stage, k4);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * ((A51 * k1[i]) + (A52 * k2[i]) + (A53 * k3[i]) + (A54 * k4[i])));
        }

        ode.Derivative(t + (C5 * h), stage, k5);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * ((A61 * k1[i]) + (A62 * k2[i]) + (A63 * k3[i]) + (A64 * k4[i]) + (A65 * k5[i])));
        }

        ode.Derivative(tNew, stage, k6);
        for (var i = 0; i < n; i++)
        {
            yNew[i] = y[i] + (h * ((A71 * k1[i]) + (A73 * k3[i]) + (A74 * k4[i]) + (A75 * k5[i]) + (A76 * k6[i])));
        }

        ode.Derivative(tNew, yNew, k7);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var error = h * ((E1 * k1[i]) + (E3 * k3[i]) + (E4 * k4[i]) + (E5 * k5[i]) + (E6 * k6[i]) + (E7 * k7[i]));
            var scale = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i])));
            var ratio = error / scale;
            sum += ratio * ratio;
        }

        var norm = Math.Sqrt(sum / Math.Max(1, n));
        return double.IsFinite(norm) ? norm : double.PositiveInfinity;
    }

    private static double InitialStepVector<TOde>(
        ref TOde ode, double t, ReadOnlySpan<double> y, double tEnd, Span<double> work, in OdeOptions options)
        where TOde : IVectorOde, allows ref struct
    {
        var n = y.Length;
        var f0 = work[..n];
        var f1 = work.Slice(n, n);
        var y1 = work.Slice(7 * n, n);
        double d0 = 0, d1 = 0;
        for (var i = 0; i < n; i++)
        {
            var scale = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Abs(y[i]));
            d0 += (y[i] / scale) * (y[i] / scale);
            d1 += (f0[i] / scale) * (f0[i] / scale);
        }

        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, Math.Min(tEnd - t, options.MaxStep));
        for (var i = 0; i < n; i++)
        {
            y1[i] = y[i] + (h0 * f0[i]);
        }

        ode.Derivative(t + h0, y1, f1);
        var d2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            var scale = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Abs(y[i]));
            var ratio = (f1[i] - f0[i]) / scale;
            d2 += ratio * ratio;
        }

        d2 = Math.Sqrt(d2 / n) / h0;
        var dMax = Math.Max(d1, d2);
        var h1 = dMax <= 1e-15 || !double.IsFinite(dMax) ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 0.2);
        return Math.Min(100.0 * h0, h1);
    }
}
