namespace Primage.Kernels.Calibration;

/// <summary>
/// Clinical priors per disease and per growth law (volumes in mL, time in days), derived from a few
/// anchors with documented sources (docs/calibration.md, "Priors"):
///   V_ref  typical volume at diagnosis,   r0  specific growth rate at V_ref (1/day),
///   K      plateau volume,                alpha_RT effective volumetric LQ alpha, chemo sensitivity.
/// Each law's parameters are set so its specific growth rate at V_ref is r0 and, where it has one,
/// its plateau is K:
///   exponential a = r0;  logistic r = r0 / (1 - V_ref/K), K;  Gompertz beta = r0 / ln(K/V_ref), alpha = beta ln K;
///   power law gamma = 0.75, a = r0 V_ref^(1-gamma);  von Bertalanffy b = r0 / ((K/V_ref)^(1/3) - 1), a = b K^(1/3);
///   exponential-linear a0 = 2 r0, a1 = r0 V_ref.
/// All are log-normal with a log-space standard deviation of 1 (a factor of 2.7 per sd) unless stated,
/// deliberately wide: they are weakly informative until population priors fitted on PRIMAGE's own
/// cohort (<see cref="PopulationEm"/>, the hierarchical EM over per-subject fits) replace them. Unknown parameter names fall back to <see cref="PopulationPrior.Weak"/>'s rule.
/// </summary>
public static class DiseasePriors
{
    /// <summary>The supported diseases.</summary>
    public static IReadOnlyList<string> Diseases { get; } = ["neuroblastoma", "dipg"];

    /// <summary>The anchors of <paramref name="disease"/>; throws <see cref="KeyNotFoundException"/> for others.</summary>
    public static DiseaseAnchors AnchorsFor(string disease) => disease switch
    {
        // NB: median cell doubling 48 h (0.347/day) is cell-level; clinical primaries grow far slower.
        // Volume doubling about 30 days at diagnosis, 100 mL primaries, plateau about 1 L;
        // LQ alpha of NB cell lines about 1/Gy (SF2 0.083-0.11, Holmes 1990) bounds the effective
        // volumetric alpha from above: median 0.1/Gy, log-sd 1.
        "neuroblastoma" => new DiseaseAnchors(100.0, Math.Log(2) / 30, 1000.0, 0.1, 1.0, 1.0, 1.0),

        // DIPG: pons-limited mass of about 25 mL at diagnosis, plateau about 80 mL (log-sd 0.7),
        // volume doubling about 40 days. Radiotherapy 54 Gy in 30 x 1.8 Gy (six weeks) leaves the solid
        // volume about 40% smaller (Calmon 2017), net of regrowth during the course:
        // 0.6 = exp(42 r0) exp(-alpha 30 x 1.8 (1 + 1.8/10)) gives alpha = (ln(1/0.6) + 42 r0) / 63.72
        // = 0.019/Gy, below the glioma cell value 0.04/Gy (Hathout 2016) that sits one sd above:
        // median 0.02/Gy, log-sd 0.7. Chemotherapy has shown little benefit: sensitivity median 0.5, log-sd 1.
        "dipg" => new DiseaseAnchors(25.0, Math.Log(2) / 40, 80.0, 0.02, 0.7, 0.5, 1.0),
        _ => throw new KeyNotFoundException($"Unknown disease '{disease}'; expected one of: {string.Join(", ", Diseases)}."),
    };

    /// <summary>The prior of the model named <paramref name="modelName"/> over <paramref name="parameters"/> (a <see cref="GrowthTrajectoryModel"/> parameter list) for a disease.</summary>
    public static LogNormalPrior For(string disease, string modelName, IReadOnlyList<ParameterSpec> parameters)
    {
        var a = AnchorsFor(disease);
        var growth = GrowthMedians(modelName, a);
        var medians = new double[parameters.Count];
        var sds = new double[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            (double Median, double Sd) value = p.Name switch
            {
                "v0" => (a.ReferenceVolume, 1.5),
                "alphaRt" => (a.RadioSensitivity, a.RadioSensitivityLogSd),
                "chemoSensitivity" => (a.ChemoSensitivity, a.ChemoSensitivityLogSd),
                "gamma" => (0.75, 0.15),
                "K" when modelName == "logistic" => (a.Plateau, disease == "dipg" ? 0.7 : 1.0),
                _ => growth.TryGetValue(p.Name, out var median) ? (median, 1.0) : (Math.Sqrt(p.Lower * p.Upper), (p.LogUpper - p.LogLower) / 4),
            };

            // Keep the median strictly inside the bounds so the truncated prior has its mass there.
            medians[i] = Math.Clamp(value.Median, p.Lower * 1.0001, p.Upper / 1.0001);
            sds[i] = value.Sd;
        }

        return LogNormalPrior.Independent(parameters, medians, sds);
    }

    private static Dictionary<string, double> GrowthMedians(string modelName, DiseaseAnchors a)
    {
        var v = a.ReferenceVolume;
        var k = a.Plateau;
        var r0 = a.GrowthRate;
        switch (modelName)
        {
            case "exponential":
                return new() { ["a"] = r0 };
            case "logistic":
                return new() { ["r"] = r0 / (1 - (v / k)) };
            case "gompertz":
                {
                    var beta = r0 / Math.Log(k / v);
                    return new() { ["alpha"] = beta * Math.Log(k), ["beta"] = beta };
                }

            case "power-law":
                return new() { ["a"] = r0 * Math.Pow(v, 0.25) };
            case "von-bertalanffy":
                {
                    var b = r0 / (Math.Cbrt(k / v) - 1);
                    return new() { ["a"] = b * Math.Cbrt(k), ["b"] = b };
                }

            case "exponential-linear":
                return new() { ["a0"] = 2 * r0, ["a1"] = r0 * v };
            default:
                return [];
        }
    }
}
