namespace Primage.Kernels.Forecasting;

/// <summary>
/// Equally weighted draws from the model-averaged posterior, picked by systematic resampling with
/// a uniform taken from the seed: u_k = (k + U) / n selects the course whose cumulative mixture
/// weight first reaches u_k. Two forecasts of the same posterior with the same seed pick the same
/// particles in the same order, whatever their therapy plans, so draw i is the same tumour under
/// both plans (common random numbers) and V_A,i - V_B,i is a paired difference free of Monte Carlo
/// noise between the plans. Volumes are the noise-free model courses: measurement error is not an
/// effect of the plan.
/// </summary>
/// <param name="Days">The output days, ascending.</param>
/// <param name="Volumes">Volumes[d][i]: the volume (mL) of draw i on Days[d].</param>
/// <param name="NadirFromDay">Start of the nadir window: the later of the last observation day and the plan's first treatment day.</param>
/// <param name="NadirVolumes">Per draw, the lowest volume (mL) on the daily grid from NadirFromDay to the end day.</param>
/// <param name="NadirDays">Per draw, the first day the nadir is reached.</param>
/// <param name="Radiosensitivity">Per draw, the LQ alpha (1/Gy) of its particle; NaN when its model has none.</param>
public sealed record PairedDraws(
    IReadOnlyList<double> Days,
    double[][] Volumes,
    double NadirFromDay,
    double[] NadirVolumes,
    double[] NadirDays,
    double[] Radiosensitivity)
{
    /// <summary>The random stream of the resampling offset, apart from the measurement-noise stream.</summary>
    public const string Stream = "paired-draws";

    /// <summary>The number of draws.</summary>
    public int Count => NadirVolumes.Length;
}
