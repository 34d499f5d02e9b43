namespace Primage.Kernels.Coupling;

/// <summary>
/// Parameters of the "macro-window" step: the fields at the window start and the settings of
/// <see cref="ProliferationInvasionMacroWindowModel"/> (defaults as there).
/// </summary>
public sealed record MacroWindowParameters(
    MacroFields Fields,
    double StartHour,
    double Hours,
    double DiffusionMm2PerDay = 0.01,
    double RhoPerDay = 0.0,
    double VesselOxygen = 0.6,
    double OxygenConsumption = 0.6,
    double ExposureLoss = 0.4)
{
    public ProliferationInvasionMacroWindowModel Model()
        => new(DiffusionMm2PerDay, RhoPerDay, VesselOxygen, OxygenConsumption, ExposureLoss);
}
