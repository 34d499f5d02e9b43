namespace Primage.Kernels.Coupling;

/// <summary>
/// The settings of <see cref="ProliferationInvasionMacroWindowModel"/> without the fields and the clock
/// (defaults as there): what a coupled run fixes once, while <see cref="MacroWindowParameters"/> carries one
/// window's fields. The "multiscale-begin" step takes these.
/// </summary>
public sealed record MacroWindowSettings(
    double DiffusionMm2PerDay = 0.01,
    double RhoPerDay = 0.0,
    double VesselOxygen = 0.6,
    double OxygenConsumption = 0.6,
    double ExposureLoss = 0.4)
{
    public ProliferationInvasionMacroWindowModel Model()
        => new(DiffusionMm2PerDay, RhoPerDay, VesselOxygen, OxygenConsumption, ExposureLoss);

    /// <summary>One window's "macro-window" parameters with these settings.</summary>
    public MacroWindowParameters For(MacroFields fields, double startHour, double hours)
        => new(fields, startHour, hours, DiffusionMm2PerDay, RhoPerDay, VesselOxygen, OxygenConsumption, ExposureLoss);
}
