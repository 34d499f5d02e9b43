namespace Primage.Grains.Predictions;

/// <summary>How twins forecast, section "Primage:Predictions".</summary>
public sealed class PredictionOptions
{
    public const string Section = "Primage:Predictions";

    /// <summary>Forecast horizon after the last observation, in days. Default: 365.</summary>
    public int HorizonDays { get; set; } = 365;

    /// <summary>Spacing of the reported trajectory, in days. Default: 7.</summary>
    public int OutputStepDays { get; set; } = 7;

    /// <summary>Particles per candidate model; null uses the kernel's documented default.</summary>
    public int? EnsembleSize { get; set; }

    /// <summary>
    /// Paired draws a what-if scenario's forecast reports for exact comparisons (docs/scenarios.md);
    /// 0 reports none, at most 20,000. Cohort members never report them. Default: 201 (the 5, 50 and 95% levels then
    /// fall on order statistics).
    /// </summary>
    public int ScenarioPairedDraws { get; set; } = 201;

    /// <summary>Candidate growth models; null or empty uses all of them.</summary>
    public string[]? Models { get; set; }
}
