using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Macro to micro: picks at most K representative regions by k-means over the tumour voxels' states
/// (u, O2, drug exposure, living neuroblast and Schwann fractions, dead fraction; all already in [0, 1],
/// so unscaled) and builds each region's micro input from its cluster's u-weighted means.
/// A region stands for one voxel of its cluster: volume = mean u times the voxel volume.
/// </summary>
public static class Particularisation
{
    public static WindowPlan Plan(MultiscaleConfig config, MultiscaleState state, MacroFields advanced)
    {
        var window = state.NextWindow;
        var start = (double)window * config.WindowHours;
        var n = advanced.VoxelCount;
        var tumour = new List<int>();
        for (var v = 0; v < n; v++)
        {
            if (advanced.Tissue[v] && advanced.Density[v] >= config.DensityThreshold)
            {
                tumour.Add(v);
            }
        }

        var points = new double[tumour.Count][];
        for (var i = 0; i < tumour.Count; i++)
        {
            var v = tumour[i];
            var f = advanced.Cellularity.AsSpan(6 * v, 6);
            points[i] =
            [
                advanced.Density[v], advanced.Oxygen[v], advanced.DrugExposure[v],
                f[0], f[3], f[1] + f[2] + f[4] + f[5],
            ];
        }

        var (clusters, used) = KMeans.Cluster(points, config.Regions, CounterRandom.Derive(config.Seed, window, -1), config.KMeansIterations);

        // Renumber so that regions are 0..k-1 with no empty cluster (a Lloyd step can empty one).
        var renumber = new int[used];
        Array.Fill(renumber, -1);
        foreach (var c in clusters)
        {
            renumber[c] = 0;
        }

        var k = 0;
        for (var c = 0; c < used; c++)
        {
            if (renumber[c] == 0)
            {
                renumber[c] = k++;
            }
        }

        var assignment = new int[n];
        Array.Fill(assignment, -1);
        for (var i = 0; i < tumour.Count; i++)
        {
            assignment[tumour[i]] = renumber[clusters[i]];
        }

        var regions = new List<MicroRegionInput>(k);
        var seeds = new List<long>(k);
        for (var c = 0; c < k; c++)
        {
            regions.Add(BuildRegion(config, state, advanced, assignment, c, start));
            seeds.Add(CounterRandom.Derive(config.Seed, window, c));
        }

        return new WindowPlan(window, start, config.WindowHours, advanced, assignment, regions, seeds);
    }

    private static MicroRegionInput BuildRegion(
        MultiscaleConfig config, MultiscaleState state, MacroFields f, int[] assignment, int cluster, double start)
    {
        double weight = 0, count = 0, u = 0, o2 = 0, drug = 0, matrix = 0;
        double sampledWeight = 0, tel = 0, telSd = 0, diff = 0, diffSd = 0;
        Span<double> fractions = stackalloc double[6];
        for (var v = 0; v < assignment.Length; v++)
        {
            if (assignment[v] != cluster)
            {
                continue;
            }

            var w = f.Density[v];
            count++;
            u += w;
            weight += w;
            o2 += w * f.Oxygen[v];
            drug += w * f.DrugExposure[v];
            matrix += w * f.Matrix[v];
            if (state.Sampled[v])
            {
                sampledWeight += w;
                tel += w * state.TelomereMean[v];
                telSd += w * state.TelomereSd[v];
                diff += w * state.DifferentiationMean[v];
                diffSd += w * state.DifferentiationSd[v];
            }

            for (var j = 0; j < 6; j++)
            {
                fractions[j] += w * f.Cellularity[6 * v + j];
            }
        }

        double sum = 0;
        for (var j = 0; j < 6; j++)
        {
            fractions[j] /= weight;
            sum += fractions[j];
        }

        CellularityFractions? cellularity = null;
        if (sum > 0)
        {
            for (var j = 0; j < 6; j++)
            {
                fractions[j] /= sum;
            }

            cellularity = CellularityFractions.FromSpan(fractions);
        }

        var exposure = drug / weight;
        var windows = new List<ChemoWindow>();
        foreach (var w in config.ChemoWindows)
        {
            var s = Math.Max(w.StartHour, start) - start;
            var e = Math.Min(w.EndHour, start + config.WindowHours) - start;
            if (e <= s)
            {
                continue;
            }

            // The inhibition a cell sees scales with the fraction of the dose that reaches its voxel.
            windows.Add(new ChemoWindow(s, e,
                w.Chk1 * exposure, w.Jab1 * exposure, w.Hif * exposure, w.Mycn * exposure, w.Tep1 * exposure, w.P53 * exposure));
        }

        // Previous statistics only from voxels that hold them (not from voxels the tumour has just spread into).
        MicroStatistics? previous = sampledWeight > 0
            ? new MicroStatistics(tel / sampledWeight, telSd / sampledWeight, diff / sampledWeight, diffSd / sampledWeight, 0, 0, 0, 0)
            : null;
        return new MicroRegionInput(
            VolumeMm3: u / count * f.VoxelVolumeMm3,
            Oxygen: Math.Clamp(o2 / weight, 0, 1),
            Genetics: config.Genetics,
            Histology: config.Histology,
            Cellularity: cellularity,
            MatrixFraction: Math.Clamp(matrix / weight, 0, 0.95),
            CellCount: null,
            AgentCap: config.AgentCapPerRegion,
            ChemoWindows: windows,
            Hours: config.WindowHours,
            Previous: previous);
    }
}
