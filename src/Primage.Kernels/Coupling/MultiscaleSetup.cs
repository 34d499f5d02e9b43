using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Builds a coupled run for a patient from the few things a twin records: a tumour volume, maybe an
/// imaging cellularity, markers and chemotherapy plans. Pure.
/// <para>
/// Geometry (ours; a twin holds no segmentation yet): a 10^3 grid whose tissue (where the tumour may
/// grow) is the inscribed ball of radius 5 voxels, and a tumour sphere of radius 2.5 voxels at its centre,
/// so the tumour spans 5 voxels across (about 65 voxel volumes: enough for k-means to find several
/// distinct regions) and has room to grow about eightfold in radius-cubed before it meets the tissue edge.
/// A voxel's density is u = c f, with f the share of the voxel inside the sphere (partial volume, counted on
/// 4^3 sub-points) and c the observed cellularity (density as a fraction of carrying capacity, clamped to
/// [0.05, 1]; <see cref="DefaultCellularity"/> when not measured). The voxel size is then chosen so that the
/// model's tumour volume sum(u) V_voxel equals the observed volume exactly: V_voxel = V / (c sum f). So the
/// grid scales with the tumour (a 50 mL tumour at c = 0.6: voxels of about 11 mm) rather than the tumour
/// with the grid, and the trajectory starts at the observation.
/// </para>
/// </summary>
public static class MultiscaleSetup
{
    /// <summary>Voxels per side of the grid.</summary>
    public const int GridSide = 10;

    /// <summary>Radius of the tissue ball, voxels (inscribed in the grid).</summary>
    public const double TissueRadiusVoxels = 5.0;

    /// <summary>Radius of the initial tumour sphere, voxels.</summary>
    public const double TumourRadiusVoxels = 2.5;

    /// <summary>Sub-points per voxel side for the partial-volume share.</summary>
    public const int SubPoints = 4;

    /// <summary>Density (fraction of carrying capacity) inside the tumour when no cellularity was measured (ours).</summary>
    public const double DefaultCellularity = 0.6;

    /// <summary>Lowest density used (a lower measured cellularity is raised to it) so the tumour is above the particularisation threshold.</summary>
    public const double MinCellularity = 0.05;

    /// <summary>Oxygen of tissue voxels before the first macro step (the vessels' level; the macro step sets it from then on).</summary>
    public const double InitialOxygen = 0.6;

    /// <summary>The run for <paramref name="patient"/>: config, macro settings and the state before the first window.</summary>
    public static MultiscaleStart Build(MultiscalePatient patient, int windows, int regions, int agentCapPerRegion, long seed)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var chemo = new List<ChemoWindow>();
        foreach (var course in patient.Chemotherapy)
        {
            chemo.AddRange(ChemoSchedules.ForRegimen(course.Regimen, course.StartHour, course.Cycles, course.IntervalDays));
        }

        var config = new MultiscaleConfig(
            windows, patient.Genetics, patient.Histology, chemo, seed, Regions: regions, AgentCapPerRegion: agentCapPerRegion);
        var macro = new MacroWindowSettings();
        var flow = new MultiscaleFlow(config, macro.Model());
        return new MultiscaleStart(config, macro, flow.Initialise(Sphere(patient.TumourVolumeMl, patient.Cellularity)));
    }

    /// <summary>The initial fields: a sphere holding <paramref name="volumeMl"/> of tumour at the given cellularity (see the class remarks).</summary>
    public static MacroFields Sphere(double volumeMl, double? cellularity)
    {
        if (!double.IsFinite(volumeMl) || volumeMl <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(volumeMl), volumeMl, "the tumour volume must be > 0 mL");
        }

        var c = Math.Clamp(cellularity is { } given && double.IsFinite(given) ? given : DefaultCellularity, MinCellularity, 1.0);
        const int n = GridSide;
        var count = n * n * n;
        var density = new double[count];
        var oxygen = new double[count];
        var tissue = new bool[count];
        const double centre = n / 2.0;
        double covered = 0;
        for (var z = 0; z < n; z++)
        {
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var v = x + n * (y + n * z);
                    tissue[v] = Distance(x + 0.5, y + 0.5, z + 0.5, centre) <= TissueRadiusVoxels;
                    oxygen[v] = tissue[v] ? InitialOxygen : 0;
                    var share = Inside(x, y, z, centre);
                    density[v] = c * share;
                    covered += share;
                }
            }
        }

        var voxelVolumeMm3 = volumeMl * 1000.0 / (c * covered);
        return new MacroFields(n, n, n, voxelVolumeMm3, density, oxygen, new double[count], new double[count], new double[6 * count], tissue);
    }

    /// <summary>Genetics from markers: MYCN amplification and ALK status ("wild-type", "mutated", "amplified"); unknown means not altered, as are TERT and ATRX, which twins do not record.</summary>
    public static NeuroblastomaGenetics Genetics(bool? mycnAmplified, string? alk) => new(
        MycnAmplified: mycnAmplified ?? false,
        Alk: alk switch
        {
            "mutated" => AlkStatus.Mutated,
            "amplified" => AlkStatus.Amplified,
            _ => AlkStatus.WildType,
        });

    /// <summary>
    /// Histology and grade from the twin's INPC vocabulary. Neuroblastoma takes its grade (poorly differentiated
    /// when not given: the most common grade); plain "ganglioneuroblastoma" is taken as intermixed and plain
    /// "ganglioneuroma" as maturing (the more common subtypes; ours); no histology at all means poorly
    /// differentiated neuroblastoma.
    /// </summary>
    public static HistologyGrade Histology(string? histology, string? grade) => histology switch
    {
        "neuroblastoma" or null => grade switch
        {
            "undifferentiated" => HistologyGrade.NeuroblastomaUndifferentiated,
            "differentiating" => HistologyGrade.NeuroblastomaDifferentiating,
            _ => HistologyGrade.NeuroblastomaPoorlyDifferentiated,
        },
        "ganglioneuroblastoma-nodular" => HistologyGrade.GanglioneuroblastomaNodular,
        "ganglioneuroblastoma" or "ganglioneuroblastoma-intermixed" => HistologyGrade.GanglioneuroblastomaIntermixed,
        "ganglioneuroma" or "ganglioneuroma-maturing" => HistologyGrade.GanglioneuromaMaturing,
        "ganglioneuroma-mature" => HistologyGrade.GanglioneuromaMature,
        _ => throw new ArgumentException($"unknown histology '{histology}'", nameof(histology)),
    };

    private static double Inside(int x, int y, int z, double centre)
    {
        var inside = 0;
        for (var k = 0; k < SubPoints; k++)
        {
            for (var j = 0; j < SubPoints; j++)
            {
                for (var i = 0; i < SubPoints; i++)
                {
                    if (Distance(x + (i + 0.5) / SubPoints, y + (j + 0.5) / SubPoints, z + (k + 0.5) / SubPoints, centre) <= TumourRadiusVoxels)
                    {
                        inside++;
                    }
                }
            }
        }

        return inside / (double)(SubPoints * SubPoints * SubPoints);
    }

    private static double Distance(double x, double y, double z, double centre)
    {
        double dx = x - centre, dy = y - centre, dz = z - centre;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
