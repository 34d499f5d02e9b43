namespace Primage.Kernels.Therapy;

/// <summary>
/// A chemotherapy regimen's kill model. Each cycle started at day s adds exposure e^(-lambda (t - s))
/// for t &gt;= s, and the tumour loses volume at rate k * ChemoSensitivity * E(t) * V. One isolated cycle
/// therefore removes ln-volume k/lambda (<see cref="LogKillPerCycle"/>), i.e. a fraction
/// 1 - e^(-k/lambda) of the tumour if it did not regrow.
/// </summary>
/// <param name="Name">Stable lower-case name used in therapy plans.</param>
/// <param name="KillRatePerDay">k: kill rate per unit exposure (1/day).</param>
/// <param name="ExposureDecayPerDay">lambda: decay rate of a cycle's exposure (1/day); half-life ln2/lambda.</param>
/// <param name="StandardCycles">The number of cycles in the standard protocol (documentation; plans give their own).</param>
/// <param name="StandardIntervalDays">Days between cycle starts in the standard protocol.</param>
/// <param name="Rationale">Where the numbers come from (they are modelling assumptions).</param>
public sealed record ChemotherapyRegimen(
    string Name,
    double KillRatePerDay,
    double ExposureDecayPerDay,
    int StandardCycles,
    double StandardIntervalDays,
    string Rationale)
{
    /// <summary>k / lambda: the ln-volume one isolated cycle removes at ChemoSensitivity 1.</summary>
    public double LogKillPerCycle => KillRatePerDay / ExposureDecayPerDay;
}
