using Primage.Kernels.Growth;
using Primage.Kernels.Simulation;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Calibration;

/// <summary>
/// A growth law from the catalogue, under a therapy plan, as a calibratable trajectory model.
/// Parameters: v0 (the volume at day 0, mL), the growth law's own parameters, then the effective
/// LQ radiosensitivity alpha (1/Gy) and the chemotherapy sensitivity multiplier. alpha/beta is fixed (it is not identifiable from volumes). Untreated courses use the
/// law's closed form; treated ones the <see cref="TumourCourse"/> integrator.
/// </summary>
public sealed class GrowthTrajectoryModel : ITrajectoryModel
{
    /// <summary>The LQ alpha/beta of every model, in Gy (late-responding tumour value; not identifiable from volumes).</summary>
    public const double DefaultAlphaOverBetaGy = 10.0;

    /// <summary>Bounds of v0 in mL: from a 1 mm^3 nodule to a 10 L mass.</summary>
    public static readonly ParameterSpec InitialVolume = new("v0", "mL", 1e-4, 1e4);

    /// <summary>Effective volumetric LQ alpha.</summary>
    public static readonly ParameterSpec RadioSensitivity = new("alphaRt", "1/Gy", 1e-4, 3.0);

    /// <summary>Multiplier on the regimen's nominal kill rate.</summary>
    public static readonly ParameterSpec ChemoSensitivity = new("chemoSensitivity", "-", 1e-3, 20.0);

    private readonly IGrowthModel _growth;
    private readonly CompiledTherapy? _therapy;
    private readonly double _alphaOverBeta;
    private readonly int _growthCount;
    private readonly int _alphaIndex;
    private readonly int _chemoIndex;

    /// <summary>
    /// An adapter for <paramref name="growth"/> under <paramref name="plan"/>. With
    /// <paramref name="therapyParameters"/> (the default) alphaRt and chemoSensitivity are always
    /// calibrated parameters, whether or not the plan uses them yet: a posterior then stays valid
    /// when a therapy starting after the last absorbed observation is added (those parameters are
    /// still at their prior, as they should be). Without it (untreated cohorts) they are omitted.
    /// </summary>
    public GrowthTrajectoryModel(IGrowthModel growth, TherapyPlan plan, bool therapyParameters = true, double alphaOverBetaGy = DefaultAlphaOverBetaGy)
    {
        _growth = growth;
        _alphaOverBeta = alphaOverBetaGy;
        _growthCount = growth.Parameters.Count;
        var parameters = new List<ParameterSpec> { InitialVolume };
        parameters.AddRange(growth.Parameters.Select(p => new ParameterSpec(p.Name, p.Unit, p.Lower, p.Upper)));
        _alphaIndex = -1;
        _chemoIndex = -1;
        if (therapyParameters || plan.Radiotherapy.Count > 0)
        {
            _alphaIndex = parameters.Count;
            parameters.Add(RadioSensitivity);
        }

        if (therapyParameters || plan.Chemotherapy.Count > 0)
        {
            _chemoIndex = parameters.Count;
            parameters.Add(ChemoSensitivity);
        }

        HasTherapy = plan.Radiotherapy.Count > 0 || plan.Chemotherapy.Count > 0 || plan.Surgeries.Count > 0;
        _therapy = HasTherapy ? CompiledTherapy.From(plan) : null;
        Parameters = parameters;
    }

    /// <inheritdoc />
    public string Name => _growth.Name;

    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The underlying growth law.</summary>
    public IGrowthModel Growth => _growth;

    /// <summary>True when the plan has any event (otherwise the closed form is used).</summary>
    public bool HasTherapy { get; }

    /// <summary>Index of alphaRt in the parameter vector, or -1.</summary>
    public int AlphaIndex => _alphaIndex;

    /// <summary>Index of chemoSensitivity in the parameter vector, or -1.</summary>
    public int ChemoIndex => _chemoIndex;

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> days, Span<double> volumes)
    {
        var v0 = theta[0];
        var growth = theta.Slice(1, _growthCount);
        if (_therapy is null)
        {
            for (var j = 0; j < days.Length; j++)
            {
                volumes[j] = _growth.Evaluate(v0, days[j], growth);
            }

            return;
        }

        var response = new TherapyResponse(
            _alphaIndex >= 0 ? theta[_alphaIndex] : 0.0,
            _alphaOverBeta,
            _chemoIndex >= 0 ? theta[_chemoIndex] : 1.0);
        TumourCourse.Simulate(_growth, growth, response, _therapy, v0, days, volumes);
    }
}
