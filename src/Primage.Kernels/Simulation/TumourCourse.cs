using Primage.Kernels.Growth;
using Primage.Kernels.Ode;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Simulation;

/// <summary>
/// The treated tumour course: dV/dt = f(V; p) - k_chemo(t) V between instantaneous events
/// (radiotherapy fractions multiply V by the LQ surviving fraction, surgery by 1 - resected fraction).
/// Allocation-free, so calibration can call it millions of times.
///
/// Time axis: day 0 is where V = v0. Events on days before 0 are history already contained in v0 and
/// are not re-applied, but chemotherapy cycles before day 0 still contribute their decaying exposure.
/// Outputs are left-continuous: the volume reported for day t is the volume just before the events of
/// day t (a scan on a treatment day is read as taken before that day's treatment).
///
/// Integration: between consecutive break points (events, cycle starts and output days) the course
/// follows the growth law's closed form whenever no chemotherapy acts there, which is exact because the
/// law is autonomous; "no chemotherapy" includes exposure tails whose whole remaining kill
/// S * integral(kappa) is below 1e-12 in ln V (a relative change of V below 1e-12). Otherwise
/// Dormand-Prince 5(4) integrates a shifted ln V (see <see cref="LogVolumeOde"/>) with absolute tolerance 1e-9
/// (a relative tolerance of about 1e-9 on V), stopping exactly at every break point; the step size
/// carries over between intervals.
/// If the solver fails (it should not for the catalogue's laws within their bounds) the remaining
/// outputs are NaN, which a likelihood should treat as an impossible particle. The state between
/// intervals is V itself, so jumps (surgery, fractions) and closed-form intervals are exact to rounding;
/// only ODE intervals pass through ln V.
/// </summary>
public static class TumourCourse
{
    /// <summary>Neglect chemotherapy tails whose total remaining ln-volume kill is below this.</summary>
    internal const double NegligibleLogKill = 1e-12;

    internal static readonly OdeOptions DefaultOptions = new() { AbsoluteTolerance = 1e-9, RelativeTolerance = 0.0 };

    /// <summary>
    /// Writes the volume (mL) at each of <paramref name="outputDays"/> (ascending, each &gt;= 0) into
    /// <paramref name="volumes"/>, starting from <paramref name="v0"/> mL at day 0.
    /// </summary>
    public static void Simulate(
        IGrowthModel model,
        ReadOnlySpan<double> growthParameters,
        TherapyResponse response,
        CompiledTherapy therapy,
        double v0,
        ReadOnlySpan<double> outputDays,
        Span<double> volumes)
        => Simulate(model, growthParameters, response, therapy, v0, outputDays, volumes, DefaultOptions, useClosedForms: true);

    /// <summary>The full-control form; tests use it to force the ODE path everywhere.</summary>
    internal static void Simulate(
        IGrowthModel model,
        ReadOnlySpan<double> growthParameters,
        TherapyResponse response,
        CompiledTherapy therapy,
        double v0,
        ReadOnlySpan<double> outputDays,
        Span<double> volumes,
        in OdeOptions options,
        bool useClosedForms)
    {
        Validate(model, growthParameters, response, therapy, v0, outputDays, volumes);

        var state = new CourseState
        {
            Volume = v0,
            Time = 0.0,
            Step = 0.0,
            Segment = therapy.SegmentAt(0.0),
        };

        var events = therapy.EventSpan;
        var next = 0;
        while (next < events.Length && events[next].Day < 0.0)
        {
            next++;
        }

        var beta = response.AlphaOverBetaGy > 0.0 ? response.AlphaPerGy / response.AlphaOverBetaGy : 0.0;
        for (var i = 0; i < outputDays.Length; i++)
        {
            var target = outputDays[i];
            while (next < events.Length && events[next].Day < target)
            {
                var day = events[next].Day;
                if (!AdvanceTo(ref state, day, model, growthParameters, response, therapy, options, useClosedForms))
                {
                    volumes[i..outputDays.Length].Fill(double.NaN);
                    return;
                }

                // Apply every event of that day; the chemotherapy segment changes when a cycle starts.
                for (; next < events.Length && events[next].Day == day; next++)
                {
                    var e = events[next];
                    switch (e.Kind)
                    {
                        case TherapyEventKind.RadiotherapyFraction:
                            // S = exp(-(alpha d + beta d^2))
                            state.Volume *= Math.Exp(-((response.AlphaPerGy * e.Value) + (beta * e.Value * e.Value)));
                            break;
                        case TherapyEventKind.Surgery:
                            state.Volume *= 1.0 - e.Value;
                            break;
                        case TherapyEventKind.ChemotherapyCycle:
                        default:
                            break;
                    }
                }

                state.Segment = therapy.SegmentAt(day);
            }

            if (!AdvanceTo(ref state, target, model, growthParameters, response, therapy, options, useClosedForms))
            {
                volumes[i..outputDays.Length].Fill(double.NaN);
                return;
            }

            volumes[i] = state.Volume;
        }
    }

    private static bool AdvanceTo(
        ref CourseState state,
        double target,
        IGrowthModel model,
        ReadOnlySpan<double> parameters,
        TherapyResponse response,
        CompiledTherapy therapy,
        in OdeOptions options,
        bool useClosedForms)
    {
        if (target <= state.Time)
        {
            return true;
        }

        if (state.Volume == 0.0)
        {
            // Eradicated (complete resection): nothing regrows from zero.
            state.Time = target;
            return true;
        }

        var chemoActs = state.Segment >= 0
            && response.ChemoSensitivity > 0.0
            && response.ChemoSensitivity * therapy.SegmentRemainingKill(state.Segment, state.Time) > NegligibleLogKill;
        if (useClosedForms && !chemoActs)
        {
            state.Volume = model.Evaluate(state.Volume, target - state.Time, parameters);
            state.Time = target;
            return !double.IsNaN(state.Volume);
        }

        var ode = new LogVolumeOde
        {
            Model = model,
            Parameters = parameters,
            Amplitudes = state.Segment >= 0 ? therapy.SegmentAmplitudes(state.Segment) : default,
            Lambdas = therapy.Lambdas,
            SegmentStart = state.Segment >= 0 ? therapy.SegmentStarts[state.Segment] : 0.0,
            Sensitivity = response.ChemoSensitivity,
        };
        var time = state.Time;
        var shifted = Math.Log(state.Volume) + (ode.Sensitivity * ode.CumulativeKill(time));
        var step = state.Step;
        var result = DormandPrince5.Advance(ref ode, ref time, ref shifted, target, ref step, options);
        state.Time = time;
        state.Volume = Math.Exp(shifted - (ode.Sensitivity * ode.CumulativeKill(time)));
        state.Step = step;
        return result.Succeeded;
    }

    private static void Validate(
        IGrowthModel model,
        ReadOnlySpan<double> growthParameters,
        TherapyResponse response,
        CompiledTherapy therapy,
        double v0,
        ReadOnlySpan<double> outputDays,
        Span<double> volumes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(therapy);
        if (growthParameters.Length != model.Parameters.Count)
        {
            throw new ArgumentException($"Model '{model.Name}' takes {model.Parameters.Count} parameters.", nameof(growthParameters));
        }

        if (!(v0 >= 0.0) || !double.IsFinite(v0))
        {
            throw new ArgumentOutOfRangeException(nameof(v0), "v0 must be a finite volume >= 0 mL.");
        }

        if (volumes.Length < outputDays.Length)
        {
            throw new ArgumentException("volumes is shorter than outputDays.", nameof(volumes));
        }

        var previous = 0.0;
        foreach (var day in outputDays)
        {
            if (!(day >= previous) || !double.IsFinite(day))
            {
                throw new ArgumentException("outputDays must be finite, >= 0 and ascending.", nameof(outputDays));
            }

            previous = day;
        }

        if (therapy.HasRadiotherapy && (!(response.AlphaPerGy >= 0.0) || !(response.AlphaOverBetaGy > 0.0)))
        {
            throw new ArgumentException("Radiotherapy needs AlphaPerGy >= 0 and AlphaOverBetaGy > 0.", nameof(response));
        }

        if (!(response.ChemoSensitivity >= 0.0) || !double.IsFinite(response.ChemoSensitivity))
        {
            throw new ArgumentException("ChemoSensitivity must be finite and >= 0.", nameof(response));
        }
    }

    private struct CourseState
    {
        public double Volume;
        public double Time;
        public double Step;
        public int Segment;
    }
}
