namespace Primage.Grains.Predictions;

/// <summary>
/// A forecast's paired draws (the kernel's "pairedDraws", docs/scenarios.md): Count equally weighted
/// posterior draws, resampled with the step's seed, so the what-if forecasts of one posterior under
/// different plans hold the same particle at the same index. Volumes are the noise-free model course.
/// Stored as float32 to keep a scenario's draws to about 4 bytes per draw and output date.
/// </summary>
/// <param name="Count">Draws per date.</param>
/// <param name="Dates">The output dates, ascending.</param>
/// <param name="VolumesMl">Date-major: VolumesMl[d * Count + i] is draw i's volume (mL) on Dates[d].</param>
/// <param name="NadirFrom">Start of the nadir window (the later of the last observation and the plan's first treatment).</param>
/// <param name="NadirVolumesMl">Per draw, the lowest volume from NadirFrom to the end of the forecast.</param>
/// <param name="NadirDates">Per draw, the first date that lowest volume is reached.</param>
/// <param name="RadiosensitivityPerGy">Per draw, its LQ alpha (1/Gy); NaN for a model without one.</param>
/// <param name="BedGy">The plan's radiotherapy BED (Gy, alpha/beta of the models), null without radiotherapy.</param>
/// <param name="PosteriorHash">SHA-256 of the posterior the draws came from: equal hashes mean the same particles.</param>
[GenerateSerializer, Immutable, Alias("primage.paired-draws.v1")]
public sealed record PairedDraws(
    [property: Id(0)] int Count,
    [property: Id(1)] DateOnly[] Dates,
    [property: Id(2)] float[] VolumesMl,
    [property: Id(3)] DateOnly NadirFrom,
    [property: Id(4)] float[] NadirVolumesMl,
    [property: Id(5)] DateOnly[] NadirDates,
    [property: Id(6)] float[] RadiosensitivityPerGy,
    [property: Id(7)] double? BedGy,
    [property: Id(8)] string PosteriorHash);
