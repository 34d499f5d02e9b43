namespace Primage.Kernels.Macro;

/// <summary>
/// A tumour of volume V (mm^3) when no segmentation is given: a ball of radius R = (3 V / (4 pi))^(1/3)
/// at density 1 with a linear edge one voxel wide, u = clamp(1/2 - (r - R) / h, 0, 1) at voxel centres.
/// The ramp is symmetric about r = R, so sum(u) h^3 matches V up to O(h^2 / R^2) relative, and the
/// u &gt;= 1/2 region is the ball itself. Voxels with D = 0 (outside tissue) are left empty.
/// </summary>
public static class SphereInitialCondition
{
    /// <summary>Fills <paramref name="field"/> (x fastest) with the ball centred at <paramref name="centreMm"/> (from the grid corner).</summary>
    public static void Fill(Span<double> field, int nx, int ny, int nz, double voxelMm, double volumeMm3, (double X, double Y, double Z) centreMm, ReadOnlySpan<double> diffusionPerVoxel = default)
    {
        if (field.Length != (long)nx * ny * nz)
        {
            throw new ArgumentException("The field does not match the grid.", nameof(field));
        }

        var radius = Math.Cbrt(3 * volumeMm3 / (4 * Math.PI));
        for (var k = 0; k < nz; k++)
        {
            var z = ((k + 0.5) * voxelMm) - centreMm.Z;
            for (var j = 0; j < ny; j++)
            {
                var y = ((j + 0.5) * voxelMm) - centreMm.Y;
                for (var i = 0; i < nx; i++)
                {
                    var x = ((i + 0.5) * voxelMm) - centreMm.X;
                    var r = Math.Sqrt((x * x) + (y * y) + (z * z));
                    var p = i + (nx * (j + (ny * k)));
                    var inside = Math.Clamp(0.5 - ((r - radius) / voxelMm), 0, 1);
                    field[p] = diffusionPerVoxel.IsEmpty || diffusionPerVoxel[p] > 0 ? inside : 0;
                }
            }
        }
    }
}
