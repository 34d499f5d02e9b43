using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Micro to macro: every voxel of a region's cluster takes the region's changes:
///   u' = min(1, u * volume ratio)   (the macro model spreads what exceeds capacity at the next step),
///   O2' = clamp(O2 + dO2),  M' = clamp(M + dM),  cellularity' = the region's six fractions,
/// and its previous-state statistics. A region whose cells all died (ratio -1) is a sampling accident
/// of a small representative region, so, as in PRIMAGE, it is replaced by the median of the other
/// regions (ratio, dO2, dM, each fraction, statistics; fractions renormalised). If every region died
/// the tumour voxels go to zero density: the treatment eradicated what was sampled.
/// Pure: the inputs are not changed.
/// </summary>
public static class Homogenisation
{
    public static MultiscaleState Apply(
        MultiscaleConfig config, MultiscaleState state, WindowPlan plan, IReadOnlyList<MicroRegionOutput> outputs)
    {
        if (outputs.Count != plan.Regions.Count)
        {
            throw new ArgumentException($"expected {plan.Regions.Count} region outputs, got {outputs.Count}", nameof(outputs));
        }

        var f = plan.Fields.DeepCopy();
        var n = f.VoxelCount;
        var tel = (double[])state.TelomereMean.Clone();
        var telSd = (double[])state.TelomereSd.Clone();
        var diff = (double[])state.DifferentiationMean.Clone();
        var diffSd = (double[])state.DifferentiationSd.Clone();
        var sampled = (bool[])state.Sampled.Clone();
        var alive = outputs.Where(o => !o.AllDead).ToList();
        var dead = outputs.Count - alive.Count;
        var replacement = alive.Count > 0 ? Median(alive) : null;

        for (var v = 0; v < n; v++)
        {
            var region = plan.Assignment[v];
            if (region < 0)
            {
                continue;
            }

            var o = outputs[region].AllDead ? replacement : outputs[region];
            if (o is null)
            {
                f.Density[v] = 0;
                for (var j = 0; j < 6; j++)
                {
                    f.Cellularity[6 * v + j] = 0;
                }

                continue;
            }

            f.Density[v] = Math.Min(1.0, f.Density[v] * o.VolumeRatio);
            f.Oxygen[v] = Math.Clamp(f.Oxygen[v] + o.OxygenChange, 0, 1);
            f.Matrix[v] = Math.Clamp(f.Matrix[v] + o.MatrixChange, 0, 0.95);
            o.Cellularity.CopyTo(f.Cellularity.AsSpan(6 * v, 6));
            tel[v] = o.Statistics.TelomereMean;
            telSd[v] = o.Statistics.TelomereSd;
            diff[v] = o.Statistics.DifferentiationMean;
            diffSd[v] = o.Statistics.DifferentiationSd;
            sampled[v] = true;
        }

        var summary = Summarise(f, plan, outputs.Count, dead);
        var history = state.History.Append(summary).ToList();
        return new MultiscaleState(state.NextWindow + 1, f, true, tel, telSd, diff, diffSd, sampled, history);
    }

    /// <summary>The component-wise median of the surviving regions' outputs.</summary>
    public static MicroRegionOutput Median(IReadOnlyList<MicroRegionOutput> alive)
    {
        double M(Func<MicroRegionOutput, double> select)
        {
            var values = alive.Select(select).Order().ToArray();
            var mid = values.Length / 2;
            return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
        }

        Span<double> fractions = stackalloc double[6];
        double sum = 0;
        for (var j = 0; j < 6; j++)
        {
            var index = j;
            fractions[j] = M(o => o.Cellularity[index]);
            sum += fractions[j];
        }

        for (var j = 0; j < 6; j++)
        {
            fractions[j] = sum > 0 ? fractions[j] / sum : 0;
        }

        var statistics = new MicroStatistics(
            M(o => o.Statistics.TelomereMean), M(o => o.Statistics.TelomereSd),
            M(o => o.Statistics.DifferentiationMean), M(o => o.Statistics.DifferentiationSd),
            M(o => o.Statistics.ApoptoticSignalMean), M(o => o.Statistics.ApoptoticSignalSd),
            M(o => o.Statistics.NecroticSignalMean), M(o => o.Statistics.NecroticSignalSd));
        return new MicroRegionOutput(
            M(o => o.Oxygen), M(o => o.OxygenChange), M(o => o.MatrixFraction), M(o => o.MatrixChange),
            CellularityFractions.FromSpan(fractions), M(o => o.CellCount), (int)M(o => o.AgentCount),
            M(o => o.VolumeRatio), M(o => o.VolumeMm3), M(o => o.VegfRatio), M(o => o.HypoxicFraction), statistics);
    }

    private static WindowSummary Summarise(MacroFields f, WindowPlan plan, int regions, int dead)
    {
        var micro = MicroParameters.Default;
        double u = 0, o2 = 0, matrix = 0, cells = 0, composed = 0;
        Span<double> fractions = stackalloc double[6];
        for (var v = 0; v < f.VoxelCount; v++)
        {
            var w = f.Density[v];
            if (w <= 0)
            {
                continue;
            }

            u += w;
            o2 += w * f.Oxygen[v];
            matrix += w * f.Matrix[v];
            cells += w * f.VoxelVolumeMm3 * (1 - f.Matrix[v]) * micro.PackingFraction / micro.CellVolumeMm3;
            // The composition is averaged over the voxels that hold one: a voxel the macro step has just spread a
            // little density into (below the particularisation threshold, never simulated) counts in the volume
            // but has no cellularity of its own, and would otherwise pull the six fractions below a sum of 1.
            var cell = f.Cellularity.AsSpan(6 * v, 6);
            if (cell[0] + cell[1] + cell[2] + cell[3] + cell[4] + cell[5] <= 0)
            {
                continue;
            }

            composed += w;
            for (var j = 0; j < 6; j++)
            {
                fractions[j] += w * cell[j];
            }
        }

        for (var j = 0; j < 6; j++)
        {
            fractions[j] = composed > 0 ? fractions[j] / composed : 0;
        }

        return new WindowSummary(
            plan.Window, plan.StartHour, plan.StartHour + plan.Hours, u * f.VoxelVolumeMm3,
            CellularityFractions.FromSpan(fractions), u > 0 ? o2 / u : 0, u > 0 ? matrix / u : 0, cells, regions, dead);
    }
}
