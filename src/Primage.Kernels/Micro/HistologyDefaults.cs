namespace Primage.Kernels.Micro;

/// <summary>
/// Initial Schwann-cell fraction and neuroblast differentiation by histology and grade.
/// The end points are published (undifferentiated neuroblastoma 0.05-0.17, mature ganglioneuroma
/// 0.83-0.95); the five grades between are our interpolation: ranges of the same width (0.12) with
/// centres evenly spaced from 0.11 to 0.89. A region starts at the centre of its range.
/// </summary>
public static class HistologyDefaults
{
    private const double RangeHalfWidth = 0.06;
    private const double FirstCentre = 0.11;
    private const double CentreSpacing = 0.13;

    /// <summary>The Schwann-cell fraction range [low, high] of a histology and grade.</summary>
    public static (double Low, double High) SchwannFractionRange(HistologyGrade histology)
    {
        var centre = FirstCentre + CentreSpacing * (int)histology;
        return (centre - RangeHalfWidth, centre + RangeHalfWidth);
    }

    /// <summary>The Schwann-cell fraction a region of this histology starts with (the centre of its range).</summary>
    public static double SchwannFraction(HistologyGrade histology)
        => FirstCentre + CentreSpacing * (int)histology;

    /// <summary>
    /// Initial neuroblast differentiation in [0, 1] (ours): 0 for undifferentiated neuroblastoma rising
    /// by 0.15 per grade to 0.9 for mature ganglioneuroma.
    /// </summary>
    public static double NeuroblastDifferentiation(HistologyGrade histology)
        => Math.Min(0.9, 0.15 * (int)histology);
}
