namespace Primage.Kernels.Coupling;

/// <summary>
/// The macro model's voxel state at a window boundary (x fastest, then y, then z). Density u is the
/// tumour cell density as a fraction of carrying capacity; oxygen and drug exposure are in [0, 1]
/// (exposure 1 = the full dose reaches the voxel); Matrix is the extracellular matrix fraction;
/// Cellularity holds the six fractions per voxel (index 6 v + j, order of
/// <see cref="Micro.CellularityFractions"/>); Tissue marks voxels the tumour may occupy.
/// Plain arrays, so the state serialises to JSON and back bit for bit.
/// </summary>
public sealed record MacroFields(
    int Nx,
    int Ny,
    int Nz,
    double VoxelVolumeMm3,
    double[] Density,
    double[] Oxygen,
    double[] DrugExposure,
    double[] Matrix,
    double[] Cellularity,
    bool[] Tissue)
{
    public int VoxelCount => Nx * Ny * Nz;

    public int Index(int x, int y, int z) => x + Nx * (y + Ny * z);

    /// <summary>Tumour volume, mm^3: sum of u V_voxel.</summary>
    public double TumourVolumeMm3()
    {
        double sum = 0;
        for (var v = 0; v < Density.Length; v++)
        {
            sum += Density[v];
        }

        return sum * VoxelVolumeMm3;
    }

    /// <summary>A deep copy (the arrays are mutable; kernels never change their inputs).</summary>
    public MacroFields DeepCopy() => this with
    {
        Density = (double[])Density.Clone(),
        Oxygen = (double[])Oxygen.Clone(),
        DrugExposure = (double[])DrugExposure.Clone(),
        Matrix = (double[])Matrix.Clone(),
        Cellularity = (double[])Cellularity.Clone(),
        Tissue = (bool[])Tissue.Clone(),
    };
}
