using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Deterministic k-means: k-means++ seeding from counter-based draws (so the same seed picks the same
/// centres), then Lloyd iterations until no point changes cluster. Ties go to the lower cluster index;
/// a cluster that empties keeps its previous centre. Returns the assignment and the number of clusters
/// actually used (at most k, at most the number of distinct points).
/// </summary>
public static class KMeans
{
    public static (int[] Assignment, int Clusters) Cluster(double[][] points, int k, long seed, int maxIterations)
    {
        var n = points.Length;
        var assignment = new int[n];
        if (n == 0)
        {
            return (assignment, 0);
        }

        var dims = points[0].Length;
        var centres = new List<double[]> { (double[])points[Pick(seed, 0, n)].Clone() };
        var distance = new double[n];
        while (centres.Count < k)
        {
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                distance[i] = double.MaxValue;
                foreach (var c in centres)
                {
                    distance[i] = Math.Min(distance[i], Distance2(points[i], c));
                }

                total += distance[i];
            }

            if (total <= 0)
            {
                break; // fewer distinct points than k
            }

            // k-means++: the next centre is drawn with probability proportional to D(x)^2.
            var target = CounterRandom.Uniform(CounterRandom.Key(seed, centres.Count, 0), 0) * total;
            var chosen = n - 1;
            double running = 0;
            for (var i = 0; i < n; i++)
            {
                running += distance[i];
                if (running > target && distance[i] > 0)
                {
                    chosen = i;
                    break;
                }
            }

            centres.Add((double[])points[chosen].Clone());
        }

        var sums = new double[centres.Count * dims];
        var counts = new int[centres.Count];
        for (var iteration = 0; iteration <= maxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var c = 0; c < centres.Count; c++)
                {
                    var d = Distance2(points[i], centres[c]);
                    if (d < bestDistance)
                    {
                        bestDistance = d;
                        best = c;
                    }
                }

                changed |= iteration == 0 || assignment[i] != best;
                assignment[i] = best;
            }

            if (!changed || iteration == maxIterations)
            {
                break;
            }

            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                counts[assignment[i]]++;
                for (var d = 0; d < dims; d++)
                {
                    sums[assignment[i] * dims + d] += points[i][d];
                }
            }

            for (var c = 0; c < centres.Count; c++)
            {
                if (counts[c] == 0)
                {
                    continue;
                }

                for (var d = 0; d < dims; d++)
                {
                    centres[c][d] = sums[c * dims + d] / counts[c];
                }
            }
        }

        return (assignment, centres.Count);
    }

    private static int Pick(long seed, int draw, int n)
        => (int)Math.Min(n - 1, Math.Floor(CounterRandom.Uniform(CounterRandom.Key(seed, draw, 0), 1) * n));

    private static double Distance2(double[] a, double[] b)
    {
        double sum = 0;
        for (var d = 0; d < a.Length; d++)
        {
            var e = a[d] - b[d];
            sum += e * e;
        }

        return sum;
    }
}
