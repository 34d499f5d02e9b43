using Primage.Kernels.Imaging;

namespace Primage.Kernels.Tests.Imaging;

public class AdcCellularityTests
{
    [Fact]
    public void Fraction_is_the_linear_map_between_free_water_and_minimum_adc()
    {
        // (3.0e-3 - 1.0e-3) / (3.0e-3 - 0.5e-3) = 0.8.
        Assert.Equal(0.8, AdcCellularity.CellularityFraction(1.0e-3, 0.5e-3), 12);
        Assert.Equal(1.0, AdcCellularity.CellularityFraction(0.5e-3, 0.5e-3), 12);
        Assert.Equal(0.0, AdcCellularity.CellularityFraction(3.0e-3, 0.5e-3), 12);
        Assert.Equal(0.5, AdcCellularity.CellularityFraction(1.5e-3, 0.5e-3, adcWater: 2.5e-3), 12);
    }

    [Fact]
    public void Fraction_is_clamped_to_the_unit_interval()
    {
        Assert.Equal(0.0, AdcCellularity.CellularityFraction(3.4e-3, 0.5e-3));
        Assert.Equal(1.0, AdcCellularity.CellularityFraction(0.3e-3, 0.5e-3));
    }

    [Fact]
    public void Cell_count_is_carrying_capacity_times_fraction()
    {
        // theta = 0.75 * 1 mm^3 / 1e-6 mm^3 = 750 000 cells; times 0.8.
        Assert.Equal(750_000, AdcCellularity.CarryingCapacity(1.0, 1e-6), 6);
        Assert.Equal(600_000, AdcCellularity.CellCount(1.0e-3, 0.5e-3, 1.0, 1e-6), 6);
    }

    [Fact]
    public void Inconsistent_constants_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AdcCellularity.CellularityFraction(1e-3, 3e-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdcCellularity.CarryingCapacity(1, 1e-6, 1.5));
    }
}
