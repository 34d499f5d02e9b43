namespace Primage.Kernels.Calibration;

/// <summary>Quantiles of a weighted sample (inverse of the step CDF, midpoint convention).</summary>
public static class WeightedQuantile
{
    /// <summary>The p-quantile of <paramref name="values"/> with normalised <paramref name="weights"/>.</summary>
    public static double Of(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double p)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        return OfSorted(keys, order, weights, p);
    }

    /// <summary>The p-quantile given values already sorted ascending and their original indices into weights.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, ReadOnlySpan<int> order, ReadOnlySpan<double> weights, double p)
    {
        // Each sample occupies [C_{i-1}, C_i) of the CDF; it is "at" the midpoint of that step, and
        // we interpolate linearly between midpoints so quantiles move smoothly with the weights.
        var total = 0.0;
        for (var i = 0; i < order.Length; i++)
        {
            total += weights[order[i]];
        }

        var target = p * total;
        var cumulative = 0.0;
        var previousMid = double.NaN;
        var previousValue = double.NaN;
        for (var i = 0; i < sorted.Length; i++)
        {
            var w = weights[order[i]];
            if (w <= 0)
            {
                continue;
            }

            var mid = cumulative + 0.5 * w;
            if (target <= mid)
            {
                if (double.IsNaN(previousMid) || double.IsInfinity(sorted[i]) || double.IsInfinity(previousValue))
                {
                    return sorted[i];
                }

                var f = (target - previousMid) / (mid - previousMid);
                return previousValue + f * (sorted[i] - previousValue);
            }

            previousMid = mid;
            previousValue = sorted[i];
            cumulative += w;
        }

        return previousValue;
    }
}
