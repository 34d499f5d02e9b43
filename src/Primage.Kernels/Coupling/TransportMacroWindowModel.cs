namespace Primage.Kernels.Coupling;

/// <summary>
/// A small stand-in macro model for the coupled flow until the 3D proliferation-invasion adapter is
/// wired in: density spreads by explicit diffusion inside the tissue mask (no-flux at its edge,
/// du/dt = D lap u, no proliferation: growth comes from the micro regions), oxygen is the vascular
/// supply reduced by local consumption (O2 = O2_vessel (1 - c u)), and drug exposure falls with
/// density (poor penetration of dense tumour: E = 1 - e u). Pure and deterministic.
/// </summary>
public sealed class TransportMacroWindowModel(
    double diffusionMm2PerDay = 0.01,
    double vesselOxygen = 0.6,
    double oxygenConsumption = 0.6,
    double exposureLoss = 0.4,
    double voxelSizeMm = 1.0) : IMacroWindowModel
{
    public MacroFields Advance(MacroFields fields, double startHour, double hours, long seed)
    {
        var next = fields.DeepCopy();
        var u = next.Density;
        var days = hours / 24.0;

        // Explicit FTCS: stable for D dt / h^2 <= 1/6 in 3D; take the fewest steps that satisfy it with margin.
        var h2 = voxelSizeMm * voxelSizeMm;
        var steps = Math.Max(1, (int)Math.Ceiling(days * diffusionMm2PerDay / h2 / 0.15));
        var dt = days / steps;
        var scratch = new double[u.Length];
        for (var s = 0; s < steps; s++)
        {
            for (var z = 0; z < next.Nz; z++)
            {
                for (var y = 0; y < next.Ny; y++)
                {
                    for (var x = 0; x < next.Nx; x++)
                    {
                        var v = next.Index(x, y, z);
                        if (!next.Tissue[v])
                        {
                            scratch[v] = 0;
                            continue;
                        }

                        var flux = Flux(next, u, v, x - 1, y, z) + Flux(next, u, v, x + 1, y, z)
                            + Flux(next, u, v, x, y - 1, z) + Flux(next, u, v, x, y + 1, z)
                            + Flux(next, u, v, x, y, z - 1) + Flux(next, u, v, x, y, z + 1);
                        scratch[v] = Math.Clamp(u[v] + dt * diffusionMm2PerDay / h2 * flux, 0.0, 1.0);
                    }
                }
            }

            Array.Copy(scratch, u, u.Length);
        }

        for (var v = 0; v < u.Length; v++)
        {
            next.Oxygen[v] = next.Tissue[v] ? Math.Clamp(vesselOxygen * (1 - oxygenConsumption * u[v]), 0, 1) : 0;
            next.DrugExposure[v] = next.Tissue[v] ? Math.Clamp(1 - exposureLoss * u[v], 0, 1) : 0;
        }

        return next;
    }

    private static double Flux(MacroFields f, double[] u, int v, int x, int y, int z)
    {
        if (x < 0 || y < 0 || z < 0 || x >= f.Nx || y >= f.Ny || z >= f.Nz)
        {
            return 0;
        }

        var w = f.Index(x, y, z);
        return f.Tissue[w] ? u[w] - u[v] : 0;
    }
}
