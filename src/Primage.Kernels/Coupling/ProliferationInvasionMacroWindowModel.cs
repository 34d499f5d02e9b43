using Primage.Kernels.Macro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// The coupled flow's macro window step over the 3D proliferation-invasion model
/// (<see cref="ProliferationInvasionModel"/>): density spreads with D in tissue voxels (D = 0 outside,
/// which the model treats as impermeable) and grows with <paramref name="rhoPerDay"/>, which defaults to 0
/// because in the coupled flow the micro regions supply the growth (volume ratio); a non-zero rho counts
/// growth twice. Oxygen and drug exposure follow the same local closures as
/// <see cref="TransportMacroWindowModel"/>: O2 = O2_vessel (1 - c u), E = 1 - e u (ours).
/// The step size is the model's stable step, shortened so a whole number of steps fills the window;
/// single-threaded, so the result does not depend on the machine.
/// </summary>
public sealed class ProliferationInvasionMacroWindowModel(
    double diffusionMm2PerDay = 0.01,
    double rhoPerDay = 0.0,
    double vesselOxygen = 0.6,
    double oxygenConsumption = 0.6,
    double exposureLoss = 0.4) : IMacroWindowModel
{
    public MacroFields Advance(MacroFields fields, double startHour, double hours, long seed)
    {
        var next = fields.DeepCopy();
        var voxelMm = Math.Cbrt(fields.VoxelVolumeMm3);
        var diffusion = new double[fields.VoxelCount];
        for (var v = 0; v < diffusion.Length; v++)
        {
            diffusion[v] = fields.Tissue[v] ? diffusionMm2PerDay : 0.0;
        }

        using var model = new ProliferationInvasionModel(fields.Nx, fields.Ny, fields.Nz, voxelMm, rhoPerDay, diffusion);
        model.SetDensity(fields.Density);
        var days = hours / 24.0;
        if (days > 0)
        {
            var steps = Math.Max(1, (int)Math.Ceiling(days / model.StableDt()));
            var dt = days / steps;
            for (var s = 0; s < steps; s++)
            {
                model.Step(dt);
            }
        }

        model.CopyDensity(next.Density);
        for (var v = 0; v < next.VoxelCount; v++)
        {
            var u = next.Tissue[v] ? Math.Clamp(next.Density[v], 0, 1) : 0;
            next.Density[v] = u;
            next.Oxygen[v] = next.Tissue[v] ? Math.Clamp(vesselOxygen * (1 - oxygenConsumption * u), 0, 1) : 0;
            next.DrugExposure[v] = next.Tissue[v] ? Math.Clamp(1 - exposureLoss * u, 0, 1) : 0;
        }

        return next;
    }
}
