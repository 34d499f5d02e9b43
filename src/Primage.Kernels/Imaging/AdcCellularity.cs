namespace Primage.Kernels.Imaging;

/// <summary>
/// Apparent diffusion coefficient to tumour cellularity (Atuegwu et al., Magn Reson Med 2011; used by
/// Yankeelov and Hormuth): N = theta (ADC_w - ADC) / (ADC_w - ADC_min).
/// </summary>
/// <remarks>
/// ADC_w is the diffusion coefficient of free water at body temperature (about 2.5-3.0e-3 mm^2/s; default
/// 3.0e-3 mm^2/s, water at 37 degrees C), ADC_min the lowest ADC in the tumour (the most densely packed voxel),
/// theta the carrying capacity of a voxel: theta = packing fraction * voxel volume / cell volume (packing 0.75
/// by default). The fraction (ADC_w - ADC) / (ADC_w - ADC_min) is clamped to [0, 1]: an ADC above free water
/// (noise, perfusion) means no cells, an ADC below ADC_min means full packing.
/// </remarks>
public static class AdcCellularity
{
    /// <summary>Default ADC of free water at 37 degrees C, mm^2/s.</summary>
    public const double FreeWaterAdc = 3.0e-3;

    /// <summary>Default packing fraction of cells in a voxel.</summary>
    public const double DefaultPackingFraction = 0.75;

    /// <summary>Cellularity fraction N/theta in [0, 1] (the fraction of the carrying capacity occupied).</summary>
    public static double CellularityFraction(double adc, double adcMin, double adcWater = FreeWaterAdc)
    {
        if (!(adcWater > adcMin) || adcMin < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(adcMin), "Need 0 <= ADC_min < ADC_w.");
        }

        if (double.IsNaN(adc))
        {
            throw new ArgumentOutOfRangeException(nameof(adc), "ADC is not a number.");
        }

        return Math.Clamp((adcWater - adc) / (adcWater - adcMin), 0.0, 1.0);
    }

    /// <summary>Carrying capacity theta = packing * voxel volume / cell volume (cells per voxel).</summary>
    public static double CarryingCapacity(double voxelVolumeMm3, double cellVolumeMm3, double packingFraction = DefaultPackingFraction)
    {
        if (!(voxelVolumeMm3 > 0) || !(cellVolumeMm3 > 0) || !(packingFraction is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(voxelVolumeMm3), "Volumes must be positive and the packing fraction in (0, 1].");
        }

        return packingFraction * voxelVolumeMm3 / cellVolumeMm3;
    }

    /// <summary>Number of cells in the voxel: N = theta * fraction.</summary>
    public static double CellCount(double adc, double adcMin, double voxelVolumeMm3, double cellVolumeMm3, double packingFraction = DefaultPackingFraction, double adcWater = FreeWaterAdc) =>
        CarryingCapacity(voxelVolumeMm3, cellVolumeMm3, packingFraction) * CellularityFraction(adc, adcMin, adcWater);
}
