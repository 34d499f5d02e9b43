namespace Primage.Kernels.Coupling;

/// <summary>
/// The macro model as the coupling sees it: advance the voxel fields over one coupling window.
/// In the coupled flow the macro model transports (spreads density, supplies oxygen and drug) while the
/// micro model supplies the growth, so an adapter over the proliferation-invasion model must run it
/// without its own proliferation term (rho = 0) to avoid counting growth twice.
/// Implementations are pure: the result depends only on the arguments.
/// </summary>
public interface IMacroWindowModel
{
    /// <summary>Returns new fields (the input is not changed) after <paramref name="hours"/> from <paramref name="startHour"/>.</summary>
    MacroFields Advance(MacroFields fields, double startHour, double hours, long seed);
}
